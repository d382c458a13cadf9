module pogobench

go 1.21
