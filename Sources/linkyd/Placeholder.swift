print("linkyd")
