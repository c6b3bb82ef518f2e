module dockwire/native-helper

go 1.19
