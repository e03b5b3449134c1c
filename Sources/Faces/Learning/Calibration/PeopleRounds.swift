/// The people of a data set dealt into groups, each held out once as strangers: the rounds of
/// open-set calibration and evaluation.
struct PeopleRounds {
    /// Each round's strangers.
    let groups: [Set<String>]

    /// `rounds` groups of about equal size (fewer when there are fewer people), people shuffled
    /// by `seed` first so that groups do not follow name order.
    init(people: [String], rounds: Int, seed: UInt64) throws {
        guard people.count >= 2 else { throw LearningError.tooFewPeople(needed: 2, found: people.count) }
        var generator = SeededGenerator(seed: seed)
        let shuffled = people.sorted().shuffled(using: &generator)
        let count = min(max(rounds, 2), shuffled.count)
        groups = (0..<count).map { round in Set(stride(from: round, to: shuffled.count, by: count).map { shuffled[$0] }) }
    }

    /// The examples of people outside `strangers`, and the descriptors of those inside.
    static func split(_ data: LabelledDescriptors, strangers: Set<String>) -> (known: LabelledDescriptors?, strangers: [FaceDescriptor]) {
        let known = data.subset(data.labels.indices.filter { !strangers.contains(data.labels[$0]) })
        let faces = data.labels.indices.filter { strangers.contains(data.labels[$0]) }.map { data.descriptors[$0] }
        return (known, faces)
    }
}
