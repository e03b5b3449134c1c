import Foundation
import Testing
import Faces
import TestSupport

/// Classifiers over descriptors on toy data whose answers follow from the geometry, and on
/// ORL through MTCNN and dlib's ResNet.
@Suite struct LearningTests {
    /// Points drawn from a round Gaussian blob (Box–Muller), seeded for reproducibility.
    private func blob(centre: [Float], spread: Float, count: Int, label: String,
                      generator: inout SeededGenerator) -> [(descriptor: FaceDescriptor, label: String)] {
        (0..<count).map { _ in
            let values = centre.map { mean -> Float in
                let u = Float.random(in: Float.ulpOfOne..<1, using: &generator)
                let v = Float.random(in: 0..<1, using: &generator)
                return mean + spread * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
            }
            return (FaceDescriptor(values), label)
        }
    }

    /// Blobs at (−3, 0) and (3, 0) with spread 0.5: six standard deviations apart, separable.
    private func twoBlobs() throws -> LabelledDescriptors {
        var generator = SeededGenerator(seed: 7)
        return try LabelledDescriptors(blob(centre: [-3, 0], spread: 0.5, count: 50, label: "left", generator: &generator)
                                       + blob(centre: [3, 0], spread: 0.5, count: 50, label: "right", generator: &generator))
    }

    @Test func labelledSetRejectsBadInput() {
        #expect(throws: LearningError.self) { try LabelledDescriptors([]) }
        #expect(throws: LearningError.self) {
            try LabelledDescriptors([(FaceDescriptor([1, 2]), "a"), (FaceDescriptor([1]), "b")])
        }
    }

    /// Training points at distance 0 get the dominant vote; k defaults to round(√N).
    @Test func nearestNeighbourVotesByInverseDistance() throws {
        let training = try LabelledDescriptors([
            (FaceDescriptor([0, 0]), "a"), (FaceDescriptor([0.5, 0]), "b"), (FaceDescriptor([0.55, 0]), "b"),
            (FaceDescriptor([5, 5]), "c"),
        ])
        var knn = NearestNeighbourClassifier(k: 3, threshold: 1)
        try knn.fit(training)
        // At 0.1: a at 0.1 (weight 10) outvotes b at 0.4 and 0.45 (2.5 + 2.2).
        #expect(knn.predict(FaceDescriptor([0.1, 0])).label == "a")
        // At 0.3: a at 0.3 (3.3) loses to b at 0.2 and 0.25 (5 + 4).
        #expect(knn.predict(FaceDescriptor([0.3, 0])).label == "b")
        #expect(knn.predict(FaceDescriptor([0, 0])).label == "a")
        // From (2, 2) the nearest training point, b at (0.55, 0), is 2.47 away: unknown.
        let stranger = knn.predict(FaceDescriptor([2, 2]))
        #expect(stranger.label == nil)
        #expect(stranger.candidate != nil)
        #expect(NearestNeighbourClassifier().neighbours(forTrainingCount: 200) == 14)
    }

    /// Means of the blobs sit near (±3, 0); mean distances favour the nearer blob.
    @Test func classMeanAndMeanDistanceSplitTheBlobs() throws {
        let training = try twoBlobs()
        var means = NearestClassMeanClassifier(threshold: 2)
        var matcher = MeanDistanceClassifier(threshold: 2)
        try means.fit(training)
        try matcher.fit(training)
        #expect(means.accuracy(on: training) == 1)
        #expect(matcher.accuracy(on: training) == 1)
        let leftMean = try #require(means.means["left"])
        #expect(abs(leftMean.values[0] + 3) < 0.2 && abs(leftMean.values[1]) < 0.2)
        // (0, 10) is about 10.4 from both means, far beyond the threshold of 2.
        #expect(means.predict(FaceDescriptor([0, 10])).label == nil)
        #expect(matcher.predict(FaceDescriptor([0, 10])).label == nil)
        #expect(matcher.predict(FaceDescriptor([-2.5, 0.3])).label == "left")
    }

    /// Separable blobs: every training point right, and the boundary along the x axis lies
    /// between the blobs, near x = 0 by symmetry.
    @Test func linearSVMSeparatesTwoBlobs() throws {
        let training = try twoBlobs()
        var svm = LinearSVMClassifier(c: 1, seed: 3)
        try svm.fit(training)
        #expect(svm.accuracy(on: training) == 1)
        let crossings = stride(from: Float(-3), to: 3, by: 0.05).filter { x in
            svm.predict(FaceDescriptor([x, 0])).label != svm.predict(FaceDescriptor([x + 0.05, 0])).label
        }
        #expect(crossings.count == 1)
        #expect(abs(crossings.first ?? .infinity) < 1)
        // The margin is about 3 on each side, so the blob centres score well above 1.
        let right = svm.predict(FaceDescriptor([3, 0]))
        #expect(right.label == "right" && right.score > 1)
        var rejecting = svm
        rejecting.threshold = 0.5
        #expect(rejecting.predict(FaceDescriptor([0, 0])).label == nil)
    }

    /// Separable blobs again: every training point right, the boundary between the blobs, and
    /// near-certainty at a blob's centre but a toss-up halfway, where rejection applies.
    @Test func softmaxRegressionSeparatesTwoBlobs() throws {
        let training = try twoBlobs()
        var softmax = SoftmaxRegressionClassifier(seed: 5)
        try softmax.fit(training)
        #expect(softmax.accuracy(on: training) == 1)
        #expect(softmax.predict(FaceDescriptor([-1, 0])).label == "left")
        #expect(softmax.predict(FaceDescriptor([1, 0])).label == "right")
        #expect(softmax.predict(FaceDescriptor([3, 0])).score > 0.9)
        let halfway = softmax.probabilities(FaceDescriptor([0, 0]))
        #expect(abs((halfway["left"] ?? 0) - 0.5) < 0.25)
        softmax.threshold = 0.9
        #expect(softmax.predict(FaceDescriptor([0, 0])).label == nil)
    }

    @Test func untrainedClassifiersSayUnknown() {
        let probe = FaceDescriptor([1, 2])
        #expect(NearestNeighbourClassifier().predict(probe).label == nil)
        #expect(NearestClassMeanClassifier().predict(probe).label == nil)
        #expect(MeanDistanceClassifier().predict(probe).label == nil)
        #expect(LinearSVMClassifier().predict(probe).label == nil)
        #expect(SoftmaxRegressionClassifier().predict(probe).label == nil)
    }

    /// ORL: images 1–5 of each of the 40 people train, 6–10 test. Then open set: only s1–s30
    /// train, and the test images of s31–s40 should come back unknown from the distance
    /// classifiers at dlib's 0.6.
    /// Measured (closed set): kNN, class mean, mean distance, linear SVM and softmax
    /// regression all 1.0 (200 of 200). Open set, strangers rejected of 50: kNN 24, class mean
    /// 23, mean distance 38 (ORL's small grey faces sit closer than 0.6 too often: the threshold
    /// needs calibrating). The bounds are those figures, so that any loss fails.
    @Test func classifiersNameTheORLPeople() throws {
        let pipeline = try FacePipeline(store: ModelStore(directory: Fixtures.models))
        var training = [(descriptor: FaceDescriptor, label: String)]()
        var test = [(descriptor: FaceDescriptor, label: String)]()
        for path in Fixtures.files(under: "identities/orl", extensions: ["pgm"]) {
            let url = URL(fileURLWithPath: path)
            let label = url.deletingLastPathComponent().lastPathComponent
            let index = try #require(Int(url.deletingPathExtension().lastPathComponent))
            let face = try #require(try pipeline.describeFaces(in: Image(contentsOf: path)).first, "no face in \(path)")
            if index <= 5 { training.append((face.descriptor, label)) } else { test.append((face.descriptor, label)) }
        }
        #expect(training.count == 200 && test.count == 200)
        let trainingSet = try LabelledDescriptors(training)
        let testSet = try LabelledDescriptors(test)
        let classifiers: [(String, any DescriptorClassifier)] = [
            ("kNN", NearestNeighbourClassifier()),
            ("class mean", NearestClassMeanClassifier()),
            ("mean distance", MeanDistanceClassifier()),
            ("linear SVM", LinearSVMClassifier()),
            ("softmax regression", SoftmaxRegressionClassifier()),
        ]
        for (name, untrained) in classifiers {
            var classifier = untrained
            try classifier.fit(trainingSet)
            let accuracy = classifier.accuracy(on: testSet)
            print("ORL \(name): accuracy \(accuracy)")
            // measured worst: 1.0 (200 of 200) for all five; bound: 1 (was 0.95).
            #expect(accuracy == 1, "\(name)")
        }
        let isStranger = { (label: String) in (Int(label.dropFirst()) ?? 0) > 30 }
        let known = try LabelledDescriptors(training.filter { !isStranger($0.label) })
        let strangers = test.filter { isStranger($0.label) }.map(\.descriptor)
        // measured: 25, 23 and 37 of 50 strangers rejected (24, 23, 38 before the landmarker's
        // refinement pass moved the descriptors closer to dlib's); bound: those counts.
        let openSet: [(String, any DescriptorClassifier, minimumRejected: Int)] = [
            ("kNN", NearestNeighbourClassifier(), 25),
            ("class mean", NearestClassMeanClassifier(), 23),
            ("mean distance", MeanDistanceClassifier(), 37),
        ]
        for (name, untrained, minimumRejected) in openSet {
            var classifier = untrained
            try classifier.fit(known)
            let rejected = strangers.filter { classifier.predict($0).label == nil }.count
            print("ORL open set \(name): \(rejected) of \(strangers.count) strangers rejected")
            #expect(rejected >= minimumRejected, "\(name)")
        }
    }
}
