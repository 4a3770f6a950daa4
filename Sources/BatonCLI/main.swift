import BatonCommandLine

Baton.main()
