print("ecoute")
