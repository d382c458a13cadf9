module greeter

go 1.21
