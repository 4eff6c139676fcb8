// Every contribution the analysis offers beyond its built-in catalogues, one line each.
// To add one: write its file in this folder, then add it here.

enum Contributions {
    static let all: [any Contribution] = [
        Top5AgainstTop1(),
    ]
}
