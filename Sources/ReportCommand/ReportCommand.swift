print("report: not yet")
