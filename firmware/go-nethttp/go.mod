module devicebench/go-nethttp

go 1.19
