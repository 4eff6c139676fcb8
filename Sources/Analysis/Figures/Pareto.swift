/// The networks that no other network beats on both accuracy and cost: none is at least
/// as accurate for no more cost (and strictly better on one). Cheapest first, so
/// accuracy rises along the list. `cost` defaults to operations in paper units; the
/// figures also use MACs or the profiler's count.
public func paretoFrontier(_ networks: [NetworkSummary],
                           cost: (NetworkSummary) -> Double = { $0.gops }) -> [NetworkSummary] {
    let sorted = networks.sorted {
        cost($0) != cost($1) ? cost($0) < cost($1) : ($0.top1 != $1.top1 ? $0.top1 > $1.top1 : $0.id < $1.id)
    }
    var frontier: [NetworkSummary] = []
    for n in sorted where n.top1 > (frontier.last?.top1 ?? -.infinity) {
        frontier.append(n)
    }
    return frontier
}
