print("dunning-bench: not yet")
