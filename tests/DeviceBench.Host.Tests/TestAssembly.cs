// Load tests measure time on a 2-core machine; running them side by side would make each the other's noise.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
