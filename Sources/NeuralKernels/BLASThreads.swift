import CBLAS

/// OpenBLAS runs on the calling thread only.
///
/// Parallelism lives in Footfall's own kernels (a convolution shares its column blocks between
/// threads) and across concurrent callers, never inside OpenBLAS as well: two thread pools
/// fighting over two cores is slower than either alone (PERF-NOTES), and a single-threaded
/// OpenBLAS may be called from many threads at once.
public enum OpenBLAS {
    /// Sets OpenBLAS to one thread, once per process; call before the first matrix product.
    public static func runOnCallingThread() {
        _ = singleThreaded
    }

    private static let singleThreaded: Void = openblas_set_num_threads(1)
}
