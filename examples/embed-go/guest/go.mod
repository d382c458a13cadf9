module embedgo

go 1.21
