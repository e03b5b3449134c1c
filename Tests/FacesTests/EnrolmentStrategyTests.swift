import Faces
import Testing

/// What a person's descriptors become under each enrolment strategy.
@Suite struct EnrolmentStrategyTests {
    /// Person a: two tight pairs far apart (say, with and without glasses); person b: one pair.
    private func examples() throws -> LabelledDescriptors {
        try LabelledDescriptors([
            (FaceDescriptor([0, 0]), "a"), (FaceDescriptor([0.1, 0]), "a"),
            (FaceDescriptor([3, 0]), "a"), (FaceDescriptor([3.1, 0]), "a"),
            (FaceDescriptor([0, 5]), "b"), (FaceDescriptor([0, 5.2]), "b"),
        ])
    }

    @Test func allKeepsEveryDescriptor() throws {
        #expect(try EnrolmentStrategy.all.prototypes(of: examples()) == examples())
    }

    @Test func averageKeepsOneMeanPerPerson() throws {
        let prototypes = try EnrolmentStrategy.average.prototypes(of: examples())
        #expect(prototypes.labels == ["a", "b"])
        #expect(prototypes.descriptors[0].distance(to: FaceDescriptor([1.55, 0])) < 1e-6)
        #expect(prototypes.descriptors[1].distance(to: FaceDescriptor([0, 5.1])) < 1e-6)
    }

    /// At threshold 0.4 the pairs join but a's two looks, 3 apart, stay separate.
    @Test func clustersKeepAMeanPerLook() throws {
        let prototypes = try EnrolmentStrategy.clusters(threshold: 0.4).prototypes(of: examples())
        #expect(prototypes.labels == ["a", "a", "b"])
        let means = prototypes.descriptors.map(\.values)
        #expect(means.contains { abs($0[0] - 0.05) < 1e-6 && $0[1] == 0 })
        #expect(means.contains { abs($0[0] - 3.05) < 1e-6 && $0[1] == 0 })
    }
}
