/** The consumer as a named module: on the module path it reads relu4j as io.github.relu4j. */
module example.consumer {
    requires io.github.relu4j;
}
