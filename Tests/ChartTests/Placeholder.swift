import Testing
@testable import Chart
