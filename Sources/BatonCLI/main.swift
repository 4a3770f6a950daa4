BatonCommand.runMain()
