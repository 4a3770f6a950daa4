import BatonCore
print("baton")
