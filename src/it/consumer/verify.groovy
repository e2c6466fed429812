// Checks the four runs of the consumer: the same results everywhere, relu4j loaded as a named
// module only on the module path, and the kernels the library says it chose.
def expected = 'relu [0.0, 0.0, 0.0, 1.5, 3.0] leaky [-0.2, -0.05, 0.0, 1.5, 3.0] module '
def runs = [
    'class-path'        : [module: 'null', kernels: 'relu4j: portable kernels'],
    'class-path-vector' : [module: 'null', kernels: 'relu4j: vector kernels'],
    'module-path'       : [module: 'io.github.relu4j', kernels: 'relu4j: portable kernels'],
    'module-path-vector': [module: 'io.github.relu4j', kernels: 'relu4j: vector kernels'],
]
runs.each { name, want ->
    def file = new File(basedir, "target/${name}.txt")
    assert file.isFile() : "no output from the ${name} run"
    def out = file.getText('UTF-8')
    def lines = out.readLines()
    assert lines.contains(expected + want.module) : "${name}: wrong results or module:\n${out}"
    assert lines.count { it.contains('relu4j: ') } == 1 : "${name}: expected one line about the kernels:\n${out}"
    assert out.contains(want.kernels) : "${name}: expected '${want.kernels}':\n${out}"
    println "${name}: ${lines.find { it.contains('relu4j: ') }}"
}
return true
