// The tables the paper offers. Each returns formatted cells for the reader and the raw
// numbers for the CSV download; units live in the column titles, not in the cells.

import NotebookInterface

enum TableBook {
    static let offers: [Offer] = [
        Offer(kind: .table, name: "networks",
              summary: "every network: family, top-1, parameters, GMACs, G-Ops, density, derived or reported",
              options: ["networks": ["all", "original", "2018", "later", "ten-years"],
                        "sort": ["file", "top1", "params", "gops", "density"]]),
        Offer(kind: .table, name: "layers",
              summary: "one network layer by layer: path, output shape, parameters, MACs and operations (the profiler's view)",
              arguments: ["network-id"]),
        Offer(kind: .table, name: "reproduction",
              summary: "the 2016 figures' top-1, parameters and G-Ops against the values computed here, with differences in %"),
        Offer(kind: .table, name: "published",
              summary: "published parameters and multiply-adds (of the 2018 networks, or all) against the values computed here",
              options: ["networks": ["all", "original", "2018"]]),
    ]

    private static func signed(_ percent: Double) -> String {
        let rounded = (percent * 10).rounded() / 10
        let sign = rounded > 0 ? "+" : rounded < 0 ? "\u{2212}" : "±"
        return sign + Format.fixed(abs(rounded), 1)
    }

    /// A table cell: `decimals` fixed for the whole column, thin-space thousands groups.
    private static func cell(_ x: Double, _ decimals: Int) -> String { Format.column(x, decimals) }

    static func networks(_ data: Dataset, options: [String: String]) throws(NotebookError) -> Table {
        var list: [NetworkSummary]
        switch options["networks"] ?? "all" {
        case "original": list = data.original
        case "2018": list = data.added
        case "later": list = data.later
        case "ten-years": list = data.every
        default: list = data.networks
        }
        // The tables of later networks show each one's evaluation resolution and year,
        // which differ among them; the reproduction's table stays as it was.
        let tenYears = ["later", "ten-years"].contains(options["networks"] ?? "all")
        let sorted: Bool
        switch options["sort"] ?? "file" {
        case "top1": list = Metrics.ranked(list, by: \.top1); sorted = true
        case "params": list = Metrics.ranked(list, by: { Double($0.params) }); sorted = true
        case "gops": list = Metrics.ranked(list, by: \.gops); sorted = true
        case "density": list = Metrics.ranked(list, by: \.density); sorted = true
        default: sorted = false
        }
        // In file order each era's networks come together under a heading (the 2016
        // figures, the 2018 update, later); sorted, a network not in the 2016 figures
        // carries its era in its name.
        let eras = NetworkSummary.Era.allCases
        if !sorted { list = eras.flatMap { era in list.filter { $0.era == era } } }
        let colors = networkColors(tenYears ? data.every : data.networks)
        var columns = [Table.Column("Network"), Table.Column("Family"), Table.Column("Top-1 [%]", numeric: true),
                       Table.Column("Source"),
                       Table.Column("Params [M]", numeric: true), Table.Column("GMACs", numeric: true),
                       Table.Column("G-Ops", numeric: true), Table.Column("Density [%/M]", numeric: true),
                       Table.Column("Counts")]
        if tenYears { columns.insert(contentsOf: [Table.Column("Year", numeric: true), Table.Column("Input [px]", numeric: true)], at: 2) }
        var rows: [[Table.Cell]] = []
        var dataRows: [[String]] = []
        for n in list {
            let derived = n.source == .derived
            let name = sorted && n.era != .original ? "\(n.name) (\(eraTag(n.era)))" : n.name
            let source = data.record(n.id)?.top1Source ?? ""
            var row = [Table.Cell(name, swatch: colors[n.id], dashed: !derived), Table.Cell(n.family),
                       Table.Cell(cell(n.top1, 2)), Table.Cell(source), Table.Cell(cell(n.paramsMillions, 2)),
                       Table.Cell(derived ? cell(n.gmacs, 3) : "—"), Table.Cell(cell(n.gops, 3)),
                       Table.Cell(cell(n.density, 2)), Table.Cell(n.source.rawValue)]
            let side = data.counts[n.id]?.inputShape.last
            if tenYears {
                row.insert(contentsOf: [Table.Cell(n.year.map(String.init) ?? "—"),
                                        Table.Cell(side.map(String.init) ?? "—")], at: 2)
            }
            rows.append(row)
            dataRows.append([n.id, n.name, n.family, n.inOriginal ? "yes" : "no", Format.raw(n.top1), source,
                             n.top5.map(Format.raw) ?? "", String(n.params), derived ? String(n.macs) : "",
                             String(n.ops), String(n.opsProfiler), Format.raw(n.density), n.source.rawValue]
                            + (tenYears ? [n.era.rawValue, n.year.map(String.init) ?? "", side.map(String.init) ?? ""] : []))
        }
        let data = DataTable(columns: ["id", "name", "family", "in_original", "top1", "top1_source", "top5", "params",
                                       "macs", "ops", "ops_profiler", "density", "source"]
                                + (tenYears ? ["era", "year", "input"] : []), rows: dataRows)
        var groups: [Table.RowGroup] = []
        if !sorted {
            for era in eras { if let start = list.firstIndex(where: { $0.era == era }) { groups.append(Table.RowGroup(eraHeading(era), start: start)) } }
            if groups.count < 2 { groups = [] }   // one era: no heading needed
        }
        return Table(columns: columns, rows: rows, data: data, rowGroups: groups)
    }

    private static func eraHeading(_ era: NetworkSummary.Era) -> String {
        switch era {
        case .original: return "In the 2016 figures"
        case .update: return "Added in 2018"
        case .later: return "Added later"
        }
    }

    private static func eraTag(_ era: NetworkSummary.Era) -> String {
        switch era {
        case .original: return "2016"
        case .update: return "2018"
        case .later: return "later"
        }
    }

    static func layers(_ id: String, counts: NetworkCounts) -> Table {
        let columns = [Table.Column("Layer"), Table.Column("Type"), Table.Column("Output"),
                       Table.Column("Params", numeric: true), Table.Column("MACs [M]", numeric: true),
                       Table.Column("Ops [M]", numeric: true), Table.Column("Profiler ops [M]", numeric: true)]
        var rows: [[Table.Cell]] = []
        var dataRows: [[String]] = []
        let names = readableLayerNames(counts.layers.map(\.path), network: id)
        for (l, name) in zip(counts.layers, names) {
            let shape = l.outputShape.map(String.init).joined(separator: "×")
            rows.append([Table.Cell(name), Table.Cell(l.kind), Table.Cell(shape), Table.Cell(Format.grouped(l.params)),
                         Table.Cell(cell(Double(l.macs) / 1e6, 2)), Table.Cell(cell(Double(l.ops) / 1e6, 2)),
                         Table.Cell(cell(Double(l.opsProfiler) / 1e6, 2))])
            dataRows.append([l.path, l.kind, l.outputShape.map(String.init).joined(separator: "x"), String(l.params),
                             String(l.macs), String(l.ops), String(l.opsProfiler), String(l.activations)])
        }
        let input = counts.inputShape.map(String.init).joined(separator: "×")
        rows.append([Table.Cell("Total (input \(input))"), Table.Cell(""), Table.Cell(""),
                     Table.Cell(Format.grouped(counts.params)), Table.Cell(cell(Double(counts.macs) / 1e6, 2)),
                     Table.Cell(cell(Double(counts.ops) / 1e6, 2)),
                     Table.Cell(cell(Double(counts.opsProfiler) / 1e6, 2))])
        let data = DataTable(columns: ["path", "kind", "output_shape", "params", "macs", "ops", "ops_profiler", "activations"],
                             rows: dataRows)
        return Table(columns: columns, rows: rows, data: data)
    }

    /// Layer paths as a reader names layers: without the network's id, parts joined by
    /// " › ", and without a generated leaf name ("conv1", "relu1") when it is the only
    /// layer of its kind in its block, since the Type column already says what it is:
    /// `alexnet/conv2/conv1` reads "conv2", `alexnet/pool1` stays "pool1".
    static func readableLayerNames(_ paths: [String], network: String) -> [String] {
        let parts = paths.map { path -> [Substring] in
            var p = path.split(separator: "/")
            if p.first.map(String.init) == network { p.removeFirst() }
            return p
        }
        func generated(_ leaf: Substring) -> (tag: Substring, number: Substring)? {
            let tag = leaf.prefix { $0.isLetter }
            let number = leaf.dropFirst(tag.count)
            guard !tag.isEmpty, !number.isEmpty, number.allSatisfy(\.isNumber) else { return nil }
            return (tag, number)
        }
        // How many generated leaves of each tag each block has.
        var siblings: [String: Set<Substring>] = [:]
        for p in parts where p.count > 1 {
            if let g = generated(p[p.count - 1]) {
                siblings[p.dropLast().joined(separator: "/") + "|" + g.tag, default: []].insert(g.number)
            }
        }
        return parts.map { p in
            guard p.count > 1, let g = generated(p[p.count - 1]),
                  siblings[p.dropLast().joined(separator: "/") + "|" + g.tag]?.count == 1 else {
                return p.joined(separator: " › ")
            }
            return p.dropLast().joined(separator: " › ")
        }
    }

    static func reproduction(_ data: Dataset, _ figures: [OriginalFigure]) -> Table {
        let colors = networkColors(data.networks)
        let columns = [Table.Column("Network"), Table.Column("Top-1 [%]", numeric: true), Table.Column("Source"),
                       Table.Column("2016", numeric: true, group: "Params [M]"),
                       Table.Column("here", numeric: true, group: "Params [M]"),
                       Table.Column("Δ [%]", numeric: true, group: "Params [M]"),
                       Table.Column("2016", numeric: true, group: "G-Ops"),
                       Table.Column("here", numeric: true, group: "G-Ops"),
                       Table.Column("Δ [%]", numeric: true, group: "G-Ops"),
                       Table.Column("here", numeric: true, group: "G-Ops, profiler"),
                       Table.Column("Δ [%]", numeric: true, group: "G-Ops, profiler")]
        var rows: [[Table.Cell]] = []
        var dataRows: [[String]] = []
        // The encoder row compares a part with the whole network's plotted values; it has
        // no accuracy of its own, so its top-1 cells stay empty.
        func add(id: String, label: String, swatch: String?, dashed: Bool, f: OriginalFigure, params: Int, ops: Int,
                 opsProfiler: Int, source: String, showTop1: Bool = true) {
            let pm = Double(params) / 1e6, g = Double(ops) / 1e9, gp = Double(opsProfiler) / 1e9
            let dp = percentDifference(pm, from: f.paramsMillions)
            let dg = percentDifference(g, from: f.gops)
            let dgp = percentDifference(gp, from: f.gops)
            rows.append([Table.Cell(label, swatch: swatch, dashed: dashed), Table.Cell(showTop1 ? cell(f.top1, 2) : "—"),
                         Table.Cell(showTop1 ? f.source : "—"),
                         Table.Cell(cell(f.paramsMillions, 2)), Table.Cell(cell(pm, 2)), Table.Cell(signed(dp)),
                         Table.Cell(cell(f.gops, 2)), Table.Cell(cell(g, 2)), Table.Cell(signed(dg)),
                         Table.Cell(cell(gp, 2)), Table.Cell(signed(dgp))])
            dataRows.append([id, Format.raw(f.top1), f.source, Format.raw(f.paramsMillions), String(params), Format.raw(dp),
                             Format.raw(f.gops), String(ops), Format.raw(dg), String(opsProfiler), Format.raw(dgp), source])
        }
        for f in figures {
            guard let n = data.network(f.id) else { continue }
            let label = n.source == .reported ? "\(n.name) (reported)" : n.name
            add(id: n.id, label: label, swatch: colors[n.id], dashed: n.source == .reported, f: f, params: n.params,
                ops: n.ops, opsProfiler: n.opsProfiler, source: n.source.rawValue)
            if let c = data.counts["\(f.id)-encoder"] {
                add(id: "\(f.id)-encoder", label: "\(n.name) encoder (public)", swatch: colors[n.id], dashed: false, f: f,
                    params: c.params, ops: c.ops, opsProfiler: c.opsProfiler, source: "derived", showTop1: false)
            }
        }
        let table = DataTable(columns: ["id", "original_top1", "original_source", "original_params_millions", "params",
                                        "params_diff_pct", "original_gops", "ops", "gops_diff_pct", "ops_profiler",
                                        "gops_profiler_diff_pct", "source"], rows: dataRows)
        return Table(columns: columns, rows: rows, data: table)
    }

    static func published(_ data: Dataset, _ counts: [PublishedCount], options: [String: String] = [:]) -> Table {
        let colors = networkColors(data.networks)
        let columns = [Table.Column("Network"), Table.Column("Source"),
                       Table.Column("published", numeric: true, group: "Params [M]"),
                       Table.Column("here", numeric: true, group: "Params [M]"),
                       Table.Column("Δ [%]", numeric: true, group: "Params [M]"),
                       Table.Column("published", numeric: true, group: "Mult-adds [M]"),
                       Table.Column("here", numeric: true, group: "Mult-adds [M]"),
                       Table.Column("Δ [%]", numeric: true, group: "Mult-adds [M]")]
        var rows: [[Table.Cell]] = []
        var dataRows: [[String]] = []
        let subset = options["networks"] ?? "all"
        for r in counts {
            guard let n = data.network(r.id) else { continue }
            if (subset == "original" && !n.inOriginal) || (subset == "2018" && n.inOriginal) { continue }
            let macsM = Double(n.macs) / 1e6
            let dp = r.paramsMillions.map { percentDifference(n.paramsMillions, from: $0) }
            let dm = r.multAddsMillions.map { percentDifference(macsM, from: $0) }
            // Published values keep the precision their source gave; ours are set to
            // two decimals (parameters) and one (mult-adds) in every row.
            rows.append([Table.Cell(n.name, swatch: colors[n.id], dashed: n.source == .reported), Table.Cell(r.source),
                         Table.Cell(r.paramsMillions.map { Format.published($0, 2) } ?? "—"), Table.Cell(cell(n.paramsMillions, 2)),
                         Table.Cell(dp.map(signed) ?? "—"),
                         Table.Cell(r.multAddsMillions.map { Format.published($0, 0) } ?? "—"), Table.Cell(cell(macsM, 1)),
                         Table.Cell(dm.map(signed) ?? "—")])
            dataRows.append([n.id, r.source, r.paramsMillions.map(Format.raw) ?? "", String(n.params),
                             dp.map(Format.raw) ?? "", r.multAddsMillions.map(Format.raw) ?? "", String(n.macs),
                             dm.map(Format.raw) ?? ""])
        }
        let table = DataTable(columns: ["id", "source", "published_params_millions", "params", "params_diff_pct",
                                        "published_mult_adds_millions", "macs", "macs_diff_pct"], rows: dataRows)
        return Table(columns: columns, rows: rows, data: table)
    }
}
