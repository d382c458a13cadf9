module reactor
go 1.24
