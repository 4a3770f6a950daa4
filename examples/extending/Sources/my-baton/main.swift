import BatonCommandLine
import MyPolicies

Baton.main(extensions: [MyExtensions()])
