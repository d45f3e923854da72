print("hostcheck")
