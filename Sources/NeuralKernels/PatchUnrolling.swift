/// Unrolls input patches into a matrix ("im2col") for output positions `first ..< first + count`.
///
/// Output positions are numbered across the batch, `(sample · outputHeight + row) · outputWidth +
/// column`. The matrix has one row per weight of a filter, `(channel, ky, kx)` in the order of
/// the weights, and `count` columns, so `weights × columns` is the convolution of those positions.
/// Taps that fall into the zero padding are written as 0.
///
/// The block's positions are first cut into runs along output rows. When the convolution keeps
/// the width (stride 1, "same" padding), consecutive whole output rows read consecutive input
/// rows and write consecutive matrix entries, so they merge into one run: each matrix row is then
/// filled by a few long copies, shifted by the tap's column offset, after which the entries that
/// fall into the left or right padding are zeroed. Other convolutions copy or gather row by row.
func unrollPatches(
    _ data: UnsafePointer<Float>, of convolution: Convolution2D,
    first: Int, count: Int, into columns: UnsafeMutablePointer<Float>
) {
    let window = convolution.window
    let height = convolution.inputHeight, width = convolution.inputWidth
    let planeSize = height &* width
    let outputWidth = convolution.outputWidth
    let outputPlane = convolution.outputHeight &* outputWidth
    let mergesRows = window.strideX == 1 && window.strideY == 1 && outputWidth == width
    withUnsafeTemporaryAllocation(of: OutputRun.self, capacity: count / max(outputWidth, 1) &+ 2) { runs in
        var runCount = 0
        var position = first, written = 0
        while written < count {
            let sample = position / outputPlane
            let withinPlane = position &- sample &* outputPlane
            let oy = withinPlane / outputWidth
            let startX = withinPlane &- oy &* outputWidth
            let endX = min(outputWidth, startX &+ (count &- written))
            let topRow = oy &* window.strideY &- window.paddingY
            let wholeRow = startX == 0 && endX == outputWidth
            if mergesRows, wholeRow, runCount > 0, runs[runCount &- 1].isWholeRows,
               runs[runCount &- 1].sampleOffset == sample &* planeSize,
               runs[runCount &- 1].topRow &+ runs[runCount &- 1].rows == topRow {
                runs[runCount &- 1].rows &+= 1
            } else {
                runs[runCount] = OutputRun(sampleOffset: sample &* planeSize, topRow: topRow, startX: startX,
                                           endX: endX, rows: 1, isWholeRows: wholeRow,
                                           destinationOffset: written &- startX)
                runCount &+= 1
            }
            written &+= endX &- startX
            position &+= endX &- startX
        }

        let taps = window.height &* window.width
        for row in 0..<(convolution.inputChannels &* taps) {
            let channel = row / taps
            let ky = (row / window.width) % window.height
            let kx = row % window.width
            // Output columns whose tap lands inside the row: ix = ox·stride − padding + kx ∈ [0, width).
            let shift = kx &- window.paddingX
            let firstValid = shift >= 0 ? 0 : (-shift &+ window.strideX &- 1) / window.strideX
            let lastValid = (width &- 1 &- shift) >= 0
                ? min(outputWidth, (width &- 1 &- shift) / window.strideX &+ 1) : 0
            let channelData = data + channel &* convolution.batch &* planeSize
            let destinationRow = columns + row &* count
            for run in runs[0..<runCount] {
                let destination = destinationRow + run.destinationOffset
                if run.rows > 1 {
                    copyWholeRows(run, ky: ky, shift: shift, firstValid: firstValid, lastValid: lastValid,
                                  from: channelData, height: height, width: width, into: destination)
                    continue
                }
                let iy = run.topRow &+ ky
                let validStart = max(run.startX, firstValid), validEnd = min(run.endX, lastValid)
                if iy < 0 || iy >= height || validStart >= validEnd {
                    fillZeros(destination + run.startX, count: run.endX &- run.startX)
                    continue
                }
                let sourceRow = channelData + (run.sampleOffset &+ iy &* width &+ shift)
                fillZeros(destination + run.startX, count: validStart &- run.startX)
                if window.strideX == 1 {
                    copyRun(from: sourceRow + validStart, to: destination + validStart, count: validEnd &- validStart)
                } else {
                    for ox in validStart..<validEnd { destination[ox] = sourceRow[ox &* window.strideX] }
                }
                fillZeros(destination + validEnd, count: run.endX &- validEnd)
            }
        }
    }
}

/// One matrix row's entries for a run of whole output rows of a width-keeping convolution: the
/// valid input rows as one copy shifted by the tap's column offset, then zeros where the tap
/// falls into the padding (rows above or below the input, columns left or right of it).
@inline(__always)
private func copyWholeRows(
    _ run: OutputRun, ky: Int, shift: Int, firstValid: Int, lastValid: Int,
    from channelData: UnsafePointer<Float>, height: Int, width: Int, into destination: UnsafeMutablePointer<Float>
) {
    let firstInputRow = run.topRow &+ ky
    let validRowsStart = min(run.rows, max(0, -firstInputRow))
    let validRowsEnd = max(validRowsStart, min(run.rows, height &- firstInputRow))
    fillZeros(destination, count: validRowsStart &* width)
    fillZeros(destination + validRowsEnd &* width, count: (run.rows &- validRowsEnd) &* width)
    guard validRowsStart < validRowsEnd else { return }
    let span = destination + validRowsStart &* width
    let rows = validRowsEnd &- validRowsStart
    guard firstValid < lastValid else {
        fillZeros(span, count: rows &* width)
        return
    }
    // Entries that would read before the first or after the last valid input value are padding.
    let source = channelData + (run.sampleOffset &+ (firstInputRow &+ validRowsStart) &* width &+ shift)
    let low = max(0, -shift), high = max(0, shift)
    copyRun(from: source + low, to: span + low, count: rows &* width &- low &- high)
    for r in 0..<rows {
        let line = span + r &* width
        fillZeros(line, count: firstValid)
        fillZeros(line + lastValid, count: width &- lastValid)
    }
}

/// A stretch of output positions inside a block: part of one output row, or several whole rows.
private struct OutputRun {
    /// Offset of the sample's plane within a channel.
    var sampleOffset: Int
    /// The input row under the window's top tap for the first output row (may be negative).
    var topRow: Int
    var startX: Int
    var endX: Int
    /// Output rows covered; more than 1 only for whole rows of a width-keeping convolution.
    var rows: Int
    var isWholeRows: Bool
    /// Where output column `startX` of the first row goes in a matrix row, minus `startX`.
    var destinationOffset: Int
}
