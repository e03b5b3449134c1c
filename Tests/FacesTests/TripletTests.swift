import Faces
import Foundation
import Testing

/// The triplet head: its hand-written gradient against finite differences, FaceNet's semi-hard
/// mining on points placed by hand, and training on synthetic clusters.
@Suite struct TripletTests {
    @Test func untrainedHeadOnlyNormalises() throws {
        let head = try TripletHead(inputDimension: 3, outputDimension: 3)
        let projected = try head.project(FaceDescriptor([3, 0, 4]))
        #expect(projected.values == [0.6, 0, 0.8])
    }

    @Test func semiHardNegativeIsTheClosestInsideTheBand() {
        // Anchor 0, positive 0.5: d(a,p) = 0.25 and the semi-hard band is (0.25, 0.45).
        // Negatives at 0.41 (hard, 0.1681), 0.6 (semi-hard, 0.36), 0.65 (semi-hard, 0.4225), 0.9 (easy).
        let embeddings: [[Double]] = [[0], [0.5], [0.41], [0.6], [0.65], [0.9]]
        let labels = [0, 0, 1, 1, 1, 1]
        let triplets = Triplet.semiHard(embeddings: embeddings, labels: labels, margin: 0.2)
        #expect(triplets.contains(Triplet(anchor: 0, positive: 1, negative: 3)))
        // From anchor 0.5 back to positive 0: d(a,p) = 0.25, band (0.25, 0.45) holds nobody
        // (0.0081, 0.01, 0.0225, 0.16), so the hardest, 0.41, is used.
        #expect(triplets.contains(Triplet(anchor: 1, positive: 0, negative: 2)))
        // One triplet per ordered same-label pair: 2 for person 0, 4 · 3 for person 1.
        #expect(triplets.count == 14)
    }

    @Test func gradientMatchesCentralDifferences() throws {
        let (inputDimension, outputDimension) = (6, 4)
        var generator = SeededGenerator(seed: 7)
        let inputs = (0..<9).map { _ in (0..<inputDimension).map { _ in gaussian(&generator) } }
        let labels = (0..<9).map { $0 / 3 }
        let weights = (0..<outputDimension * inputDimension).map { _ in gaussian(&generator) }
        let bias = (0..<outputDimension).map { _ in 0.3 * gaussian(&generator) }
        // Every (anchor, positive, negative): the mined set would change under the perturbation.
        var triplets: [Triplet] = []
        for a in 0..<9 { for p in 0..<9 where p != a && labels[p] == labels[a] {
            for n in 0..<9 where labels[n] != labels[a] { triplets.append(Triplet(anchor: a, positive: p, negative: n)) }
        } }
        let margin = 1.0
        func loss(_ w: [Double], _ b: [Double]) throws -> Double {
            try TripletHead(inputDimension: inputDimension, outputDimension: outputDimension, weights: w, bias: b)
                .lossGradient(inputs: inputs, triplets: triplets, margin: margin).loss
        }
        let head = try TripletHead(inputDimension: inputDimension, outputDimension: outputDimension,
                                   weights: weights, bias: bias)
        let analytic = head.lossGradient(inputs: inputs, triplets: triplets, margin: margin)
        #expect(analytic.activeTriplets > triplets.count / 2)

        let step = 1e-6
        var numeric: [Double] = []
        for i in weights.indices {
            var plus = weights, minus = weights
            plus[i] += step
            minus[i] -= step
            numeric.append((try loss(plus, bias) - loss(minus, bias)) / (2 * step))
        }
        for i in bias.indices {
            var plus = bias, minus = bias
            plus[i] += step
            minus[i] -= step
            numeric.append((try loss(weights, plus) - loss(weights, minus)) / (2 * step))
        }
        let exact = analytic.weightGradient + (try #require(analytic.biasGradient))
        let difference = zip(exact, numeric).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let size = exact.map { $0 * $0 }.reduce(0, +).squareRoot() + numeric.map { $0 * $0 }.reduce(0, +).squareRoot()
        print("gradient check: relative error \(difference / size), \(analytic.activeTriplets) of \(triplets.count) triplets active")
        #expect(size > 0.1)
        // measured: 1.4e-9; bound: 2e-9 (was 1e-3).
        #expect(difference / size <= 2e-9)
    }

    @Test(arguments: [false, true]) func trainingSeparatesNoisyClusters(usingSGD: Bool) throws {
        // 5 people whose identity lives in the first 4 of 16 dimensions; the other 12 carry
        // louder noise, so plain nearest neighbours is often fooled until the head learns to
        // down-weight them.
        var generator = SeededGenerator(seed: 42)
        let centres = (0..<5).map { _ in (0..<4).map { _ in gaussian(&generator) } }
        func sample(_ person: Int) -> FaceDescriptor {
            let identity = centres[person].map { $0 + 0.3 * gaussian(&generator) }
            let nuisance = (0..<12).map { _ in 1.0 * gaussian(&generator) }
            return FaceDescriptor((identity + nuisance).map(Float.init))
        }
        var training: [(FaceDescriptor, String)] = []
        var testing: [(FaceDescriptor, String)] = []
        for person in 0..<5 {
            for _ in 0..<16 { training.append((sample(person), "p\(person)")) }
            for _ in 0..<8 { testing.append((sample(person), "p\(person)")) }
        }
        // The SGD run also exercises the bias.
        var head = try TripletHead(inputDimension: 16, outputDimension: 16, usesBias: usingSGD)
        let before = try nearestNeighbourAccuracy(training: training, testing: testing) { try head.project($0) }

        var options = TripletTrainingOptions()
        options.peoplePerBatch = 3
        options.imagesPerPerson = 8
        options.epochs = 60
        options.learningRate = usingSGD ? 0.5 : 0.01
        options.optimizer = usingSGD ? .sgd : .adam()
        options.seed = 1
        let losses = try head.train(descriptors: training.map(\.0), labels: training.map(\.1), options: options)
        let after = try nearestNeighbourAccuracy(training: training, testing: testing) { try head.project($0) }

        #expect(losses.count == 60)
        let early = losses.prefix(5).reduce(0, +) / 5, late = losses.suffix(5).reduce(0, +) / 5
        print("\(usingSGD ? "SGD" : "Adam"): triplet loss \(early) → \(late); 1-NN accuracy \(before) → \(after)")
        #expect(late < 0.5 * early)
        #expect(after >= before)
    }

    @Test func badInputThrows() throws {
        #expect(throws: TripletError.self) { try TripletHead(inputDimension: 0, outputDimension: 4) }
        var head = try TripletHead(inputDimension: 2, outputDimension: 2)
        #expect(throws: TripletError.self) { try head.project(FaceDescriptor([1, 2, 3])) }
        #expect(throws: TripletError.self) {
            try head.train(descriptors: [FaceDescriptor([1, 2])], labels: [])
        }
        #expect(throws: TripletError.self) {
            try head.train(descriptors: [FaceDescriptor([1, 2]), FaceDescriptor([2, 1])], labels: ["a", "a"])
        }
    }
}

/// A standard normal sample (Box–Muller).
private func gaussian(_ generator: inout SeededGenerator) -> Double {
    let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
    let v = Double.random(in: 0..<1, using: &generator)
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
}

/// The fraction of `testing` whose nearest `training` descriptor, after `map`, has its label.
private func nearestNeighbourAccuracy(training: [(FaceDescriptor, String)], testing: [(FaceDescriptor, String)],
                                      map: (FaceDescriptor) throws -> FaceDescriptor) throws -> Double {
    let gallery = try training.map { (try map($0.0), $0.1) }
    var correct = 0
    for (descriptor, label) in testing {
        let probe = try map(descriptor)
        let nearest = gallery.min { probe.distance(to: $0.0) < probe.distance(to: $1.0) }
        if nearest?.1 == label { correct += 1 }
    }
    return Double(correct) / Double(testing.count)
}
