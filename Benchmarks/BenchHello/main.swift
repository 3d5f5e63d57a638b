// The Swift "hello, world" that `AishBench`'s startup benchmark runs beside
// `aish --version`: built by `make bench` with the same flags, it is the floor a
// Swift program's start has on this machine.
print("hello, world")
