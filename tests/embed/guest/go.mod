module embedguest

go 1.21
