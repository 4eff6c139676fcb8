import Testing
@testable import Report

/// The declarations every part of the builder reads must be consistent with each other.
@Suite struct DirectiveKindTests {
    @Test func namesLabelPrefixesAndOptionsAreUnique() {
        let names = DirectiveKind.all.map(\.name)
        #expect(Set(names).count == names.count)
        let prefixes = DirectiveKind.referencePrefixes
        #expect(Set(prefixes).count == prefixes.count, "\(prefixes)")
        for kind in DirectiveKind.all {
            let options = kind.options.map(\.name)
            #expect(Set(options).count == options.count, "\(kind)")
            #expect(kind.options.allSatisfy { !$0.summary.isEmpty }, "\(kind): every option needs a summary for `report list`")
            if kind.label != nil { #expect(options.contains("label"), "\(kind) is labelled but declares no :label:") }
        }
    }

    @Test func everyLabelPrefixIsAReference() {
        for prefix in DirectiveKind.referencePrefixes {
            let found = findReferences(in: "see @\(prefix)x here")
            #expect(found.count == 1, "\(prefix)")
            if case .crossReference(let label)? = found.first?.0 { #expect(label == prefix + "x") }
        }
        // A prefix no kind declares is no cross-reference (it may still be a narrative citation).
        let other = findReferences(in: "see @zz-x here")
        #expect(!other.contains { if case .crossReference = $0.0 { true } else { false } }, "zz- is no kind's prefix")
    }

    @Test func listingValidatesItsKind() throws {
        #expect(throws: Diagnostic.self) { try Listing.lines(offers: [], kind: "figures") }
        let lines = try Listing.lines(offers: [], kind: "claim")
        #expect(lines == ["claim\t:label:\tits label, clm-…: the target of @clm-… references",
                          "claim\t:expect: hold|fail\t'fail' for a claim of the original that no longer holds (default 'hold')"])
    }
}
