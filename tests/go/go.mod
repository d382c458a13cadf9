module pogo.test/gocorpus

go 1.19
