/// The TeX commands the math converter knows, by what they become in MathML. Every
/// command the parser accepts is named here or in `MathParser.structuralCommands`, so
/// an unknown command's "did you mean" can search all of them.
enum MathSymbols {
    /// Letters and letter-like symbols: `<mi>`. Lowercase Greek is italic, as in TeX.
    static let identifiers: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π",
        "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
        "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "digamma": "ϝ",
        "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "hslash": "ℏ",
        "imath": "ı", "jmath": "ȷ", "wp": "℘", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "beth": "ℶ",
        "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "nexists": "∄",
        "top": "⊤", "bot": "⊥", "angle": "∠", "triangle": "△", "Box": "□", "square": "□",
        "Diamond": "◇", "clubsuit": "♣", "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠",
        "flat": "♭", "natural": "♮", "sharp": "♯", "checkmark": "✓", "S": "§", "P": "¶",
        "dag": "†", "ddag": "‡", "degree": "°", "complement": "∁", "eth": "ð",
    ]

    /// Uppercase Greek: upright in TeX, so `<mi mathvariant="normal">`.
    static let uprightIdentifiers: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Relations, binary operators, arrows, punctuation and dots: `<mo>`; the browser's
    /// operator dictionary spaces them.
    static let operators: [String: String] = [
        // Relations
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "leqslant": "⩽",
        "geqslant": "⩾", "lt": "<", "gt": ">", "ll": "≪", "gg": "≫", "lll": "⋘", "ggg": "⋙",
        "approx": "≈", "approxeq": "≊", "equiv": "≡", "sim": "∼", "simeq": "≃", "cong": "≅",
        "propto": "∝", "doteq": "≐", "asymp": "≍", "coloneqq": "≔", "triangleq": "≜",
        "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "lesssim": "≲", "gtrsim": "≳",
        "in": "∈", "notin": "∉", "ni": "∋", "owns": "∋", "subset": "⊂", "supset": "⊃",
        "subseteq": "⊆", "supseteq": "⊇", "subsetneq": "⊊", "supsetneq": "⊋", "sqsubseteq": "⊑",
        "sqsupseteq": "⊒", "perp": "⊥", "parallel": "∥", "nparallel": "∦", "mid": "∣", "nmid": "∤",
        "models": "⊨", "vdash": "⊢", "dashv": "⊣", "vDash": "⊨", "nleq": "≰", "ngeq": "≱",
        "nsim": "≁", "ncong": "≇", "smile": "⌣", "frown": "⌢", "colon": ":",
        // Arrows
        "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "implies": "⟹",
        "impliedby": "⟸", "iff": "⟺", "mapsto": "↦", "longmapsto": "⟼", "longrightarrow": "⟶",
        "longleftarrow": "⟵", "longleftrightarrow": "⟷", "Longrightarrow": "⟹",
        "Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "uparrow": "↑", "downarrow": "↓",
        "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "nearrow": "↗", "searrow": "↘",
        "nwarrow": "↖", "swarrow": "↙", "hookrightarrow": "↪", "hookleftarrow": "↩",
        "rightharpoonup": "⇀", "leftharpoonup": "↼", "rightleftharpoons": "⇌",
        "leadsto": "⇝", "circlearrowleft": "↺", "circlearrowright": "↻",
        // Binary operators
        "times": "×", "cdot": "⋅", "pm": "±", "mp": "∓", "div": "÷", "ast": "∗", "star": "⋆",
        "circ": "∘", "bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "oslash": "⊘",
        "odot": "⊙", "cup": "∪", "cap": "∩", "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎",
        "setminus": "∖", "smallsetminus": "∖", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨",
        "neg": "¬", "lnot": "¬", "dagger": "†", "ddagger": "‡", "amalg": "⨿", "wr": "≀",
        "diamond": "⋄", "bigtriangleup": "△", "bigtriangledown": "▽", "triangleleft": "◃",
        "triangleright": "▹", "lhd": "⊲", "rhd": "⊳", "ltimes": "⋉", "rtimes": "⋊",
        "bigcirc": "◯", "cdotp": "⋅", "centerdot": "⋅",
        // Dots and punctuation
        "ldots": "…", "dots": "…", "dotsc": "…", "dotsb": "⋯", "dotsm": "⋯", "cdots": "⋯",
        "vdots": "⋮", "ddots": "⋱", "prime": "′", "backslash": "\\", "therefore": "∴",
        "because": "∵", "surd": "√",
        // Escaped characters
        "{": "{", "}": "}", "|": "‖", "#": "#", "%": "%", "&": "&", "_": "_", "$": "$",
    ]

    /// Big operators. `limits`: whether scripts go above and below in display math (TeX's
    /// default: yes for sums and products, no for integrals).
    static let largeOperators: [String: (symbol: String, limits: Bool)] = [
        "sum": ("∑", true), "prod": ("∏", true), "coprod": ("∐", true),
        "bigcup": ("⋃", true), "bigcap": ("⋂", true), "bigsqcup": ("⨆", true),
        "bigvee": ("⋁", true), "bigwedge": ("⋀", true), "bigoplus": ("⨁", true),
        "bigotimes": ("⨂", true), "bigodot": ("⨀", true), "biguplus": ("⨄", true),
        "int": ("∫", false), "iint": ("∬", false), "iiint": ("∭", false), "oint": ("∮", false),
        "intop": ("∫", true), "smallint": ("∫", false),
    ]

    /// Upright function names set with a thin space before their argument.
    static let functions: Set<String> = [
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
        "tanh", "coth", "log", "ln", "lg", "exp", "arg", "deg", "dim", "hom", "ker",
    ]

    /// Function names that take limits below in display math (`\lim_{x \to 0}`).
    static let limitFunctions: [String: String] = [
        "lim": "lim", "liminf": "lim inf", "limsup": "lim sup", "max": "max", "min": "min",
        "sup": "sup", "inf": "inf", "det": "det", "Pr": "Pr", "gcd": "gcd",
        "argmax": "arg max", "argmin": "arg min",
    ]

    /// Delimiters that `\left`, `\right`, `\middle` and `\big…` accept, by command name or
    /// character; "" is the empty delimiter `.`.
    static let delimiters: [String: String] = [
        "(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", ".": "", "<": "⟨", ">": "⟩",
        "\\{": "{", "\\}": "}", "\\|": "‖", "\\lbrace": "{", "\\rbrace": "}", "\\lbrack": "[",
        "\\rbrack": "]", "\\langle": "⟨", "\\rangle": "⟩", "\\lvert": "|", "\\rvert": "|",
        "\\vert": "|", "\\lVert": "‖", "\\rVert": "‖", "\\Vert": "‖", "\\lfloor": "⌊",
        "\\rfloor": "⌋", "\\lceil": "⌈", "\\rceil": "⌉", "\\backslash": "\\", "\\uparrow": "↑",
        "\\downarrow": "↓", "\\updownarrow": "↕", "\\Uparrow": "⇑", "\\Downarrow": "⇓",
        "\\lgroup": "⟮", "\\rgroup": "⟯", "\\ulcorner": "⌜", "\\urcorner": "⌝",
    ]

    /// Accents over (or under) their argument: the mark, and whether it stretches.
    static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
        "hat": ("^", false, false), "widehat": ("^", true, false), "check": ("ˇ", false, false),
        "tilde": ("~", false, false), "widetilde": ("~", true, false), "acute": ("´", false, false),
        "grave": ("`", false, false), "dot": ("˙", false, false), "ddot": ("¨", false, false),
        "dddot": ("⃛", false, false), "breve": ("˘", false, false), "bar": ("¯", false, false),
        "vec": ("→", false, false), "mathring": ("˚", false, false),
        // U+0332 rather than U+203E: common math fonts (DejaVu Math) stretch only it.
        "overline": ("\u{332}", true, false), "overrightarrow": ("→", true, false),
        "overleftarrow": ("←", true, false), "overleftrightarrow": ("↔", true, false),
        "underline": ("\u{332}", true, true), "underrightarrow": ("→", true, true),
        "underleftarrow": ("←", true, true),
    ]

    /// Braces over or under an argument; a `^` or `_` after them sets a label there.
    static let braces: [String: (mark: String, under: Bool)] = [
        "overbrace": ("⏞", false), "underbrace": ("⏟", true),
        "overbracket": ("⎴", false), "underbracket": ("⎵", true),
    ]

    /// Fixed spaces, in em (TeX's thin, medium and thick spaces are 3, 4 and 5 mu).
    static let spaces: [String: Double] = [
        ",": 3.0 / 18, "thinspace": 3.0 / 18, ":": 4.0 / 18, ">": 4.0 / 18, "medspace": 4.0 / 18,
        ";": 5.0 / 18, "thickspace": 5.0 / 18, "!": -3.0 / 18, "negthinspace": -3.0 / 18,
        "negmedspace": -4.0 / 18, "negthickspace": -5.0 / 18, " ": 1.0 / 3, "enspace": 0.5,
        "quad": 1, "qquad": 2,
    ]

    /// `\big(` and friends: the delimiter's fixed height.
    static let bigDelimiters: [String: Double] = [
        "big": 1.2, "bigl": 1.2, "bigr": 1.2, "bigm": 1.2,
        "Big": 1.8, "Bigl": 1.8, "Bigr": 1.8, "Bigm": 1.8,
        "bigg": 2.4, "biggl": 2.4, "biggr": 2.4, "biggm": 2.4,
        "Bigg": 3.0, "Biggl": 3.0, "Biggr": 3.0, "Biggm": 3.0,
    ]

    /// Characters typed directly that are operators rather than identifiers.
    static func operatorCharacter(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "-": return "−"
        case "*": return "∗"
        case "+", "=", "<", ">", "(", ")", "[", "]", "|", "/", ",", ";", ":", "!", "?", ".", "@", "\"":
            return String(c)
        default:
            return c.properties.generalCategory == .mathSymbol ? String(c) : nil
        }
    }

    /// Plain delimiters do not grow with their content in TeX (only `\left`/`\right` do),
    /// but MathML's dictionary makes them stretchy: say so explicitly.
    static let fixedSizeDelimiters: Set<String> = ["(", ")", "[", "]", "|", "‖", "/", "{", "}", "⟨", "⟩", "⌊", "⌋", "⌈", "⌉", "\\"]

    /// Characters TeX sets as ordinary symbols, without the space MathML's dictionary
    /// gives them as operators (`|x|`, `a/b`).
    static let unspaced: Set<String> = ["|", "‖", "/", "\\"]

    /// Binary operators that TeX sets as a sign (no space after) at the start of a list
    /// or after another operator (`= -x`, `(-1)`).
    static let signs: Set<String> = ["−", "+", "±", "∓"]
}

/// The Unicode mathematical alphanumeric letters that MathML Core uses instead of the
/// old `mathvariant` values (`\mathbf{x}` is 𝐱, U+1D431).
enum MathVariant: Sendable {
    case upright, italic, bold, boldItalic, script, fraktur, doubleStruck, sansSerif, monospace

    /// Letters set as one identifier (`\mathrm{max}` is one word, not three variables).
    var joinsLetters: Bool { self == .upright || self == .italic }

    func map(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        let isUpper = (0x41...0x5A).contains(v), isLower = (0x61...0x7A).contains(v), isDigit = (0x30...0x39).contains(v)
        guard isUpper || isLower || isDigit else { return c }
        let letter = Character(c)
        // Letters that existed in Unicode before the math block keep their old code points.
        let holes: [Character: UInt32]
        let upper: UInt32, lower: UInt32, digits: UInt32?
        switch self {
        case .upright: return c
        case .italic: upper = 0x1D434; lower = 0x1D44E; digits = nil; holes = ["h": 0x210E]
        case .bold: upper = 0x1D400; lower = 0x1D41A; digits = 0x1D7CE; holes = [:]
        case .boldItalic: upper = 0x1D468; lower = 0x1D482; digits = 0x1D7CE; holes = [:]
        case .script:
            upper = 0x1D49C; lower = 0x1D4B6; digits = nil
            holes = ["B": 0x212C, "E": 0x2130, "F": 0x2131, "H": 0x210B, "I": 0x2110, "L": 0x2112,
                     "M": 0x2133, "R": 0x211B, "e": 0x212F, "g": 0x210A, "o": 0x2134]
        case .fraktur:
            upper = 0x1D504; lower = 0x1D51E; digits = nil
            holes = ["C": 0x212D, "H": 0x210C, "I": 0x2111, "R": 0x211C, "Z": 0x2128]
        case .doubleStruck:
            upper = 0x1D538; lower = 0x1D552; digits = 0x1D7D8
            holes = ["C": 0x2102, "H": 0x210D, "N": 0x2115, "P": 0x2119, "Q": 0x211A, "R": 0x211D, "Z": 0x2124]
        case .sansSerif: upper = 0x1D5A0; lower = 0x1D5BA; digits = 0x1D7E2; holes = [:]
        case .monospace: upper = 0x1D670; lower = 0x1D68A; digits = 0x1D7F6; holes = [:]
        }
        if let hole = holes[letter] { return Unicode.Scalar(hole)! }
        let mapped: UInt32?
        if isUpper { mapped = upper + v - 0x41 } else if isLower { mapped = lower + v - 0x61 } else { mapped = digits.map { $0 + v - 0x30 } }
        return mapped.flatMap(Unicode.Scalar.init) ?? c
    }

    static let commands: [String: MathVariant] = [
        "mathrm": .upright, "mathup": .upright, "mathit": .italic, "mathbf": .bold,
        "boldsymbol": .boldItalic, "bm": .boldItalic, "mathcal": .script, "mathscr": .script,
        "mathfrak": .fraktur, "mathbb": .doubleStruck, "mathsf": .sansSerif, "mathtt": .monospace,
    ]
}
