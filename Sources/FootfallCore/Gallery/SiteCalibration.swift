import Faces
import Foundation

/// The threshold a site's door recognises at, from the site's own members.
///
/// A face is taken for the nearest member when it is within the threshold, so the danger is a
/// stranger who happens to be near somebody: the more members, the likelier. The members play
/// the strangers: each probe sample's distance to the nearest *other* member is what a stranger
/// who looks like that member would score, which is exactly leave-one-person-out for a
/// nearest-member gallery (taking a person out does not move anybody else's references).
/// ``OpenSetCalibration`` turns those distances into the threshold that lets at most
/// ``targetFalseAcceptRate`` of them through.
///
/// Calibration waits until the members give ``probeCount`` stranger distances, enough to resolve
/// the target: on fewer, the rule would fall back to "accept none of them", and one pair of
/// look-alike siblings would tighten the threshold for everybody. Until then, and whenever the
/// calibration comes out looser, the embedder's own threshold holds (``MatchThreshold``): the
/// calibration only ever tightens it, as a gallery grows crowded. A site's explicit
/// `matchThreshold` overrides both.
public enum SiteCalibration {
    /// One stranger in a thousand may be taken for a member.
    public static let targetFalseAcceptRate = 0.001
    /// Probes per calibration, spread evenly over the samples: the 1/1000 resolution the target
    /// needs, and a thousand searches per rebuild (about 6 s at 100,000 members × 3 samples,
    /// while the previous gallery keeps serving).
    public static let probeCount = 1000

    /// How a gallery's threshold was chosen.
    public enum Source: Sendable, Hashable {
        /// The site's `matchThreshold`.
        case site
        /// The embedder's default, which the calibration did not tighten (nil: too few samples,
        /// or members, to calibrate on yet).
        case embedderDefault(calibration: OpenSetCalibration?)
        /// Calibrated on the members, tighter than the default.
        case calibrated(OpenSetCalibration)
    }

    /// `gallery` at the threshold for `site`; `samples` are the gallery's own.
    public static func calibrated(_ gallery: MemberGallery, samples: [GallerySample], site: Site?) throws -> MemberGallery {
        var gallery = gallery
        if let explicit = site?.matchThreshold {
            gallery.setThreshold(explicit, source: .site)
            return gallery
        }
        let standard = MatchThreshold.default(for: gallery.embedding)
        let strangers = samples.count < probeCount ? []
            : strangerDistances(in: gallery, probes: probes(from: samples))
        guard strangers.count >= probeCount else {
            gallery.setThreshold(standard, source: .embedderDefault(calibration: nil))
            return gallery
        }
        let calibration = try OpenSetCalibration(strangerScores: strangers, scoreOrder: .smallerIsSurer,
                                                 targetFalseAcceptRate: targetFalseAcceptRate)
        if calibration.threshold < standard {
            gallery.setThreshold(calibration.threshold, source: .calibrated(calibration))
        } else {
            gallery.setThreshold(standard, source: .embedderDefault(calibration: calibration))
        }
        return gallery
    }

    /// ``probeCount`` of the samples (at least that many), evenly spaced.
    static func probes(from samples: [GallerySample]) -> [GallerySample] {
        (0..<probeCount).map { samples[$0 * samples.count / probeCount] }
    }

    /// For each probe, the distance to the nearest member other than its own.
    static func strangerDistances(in gallery: MemberGallery, probes: [GallerySample]) -> [Float] {
        probes.compactMap { probe in
            gallery.nearestMembers(to: probe.descriptor, count: 2).first { $0.member.id != probe.member.id }?.distance
        }
    }
}
