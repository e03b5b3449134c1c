/// How far a face is turned sideways, from its five landmarks: where the nose sits between the
/// eyes, measured along the line through the eyes.
///
/// 0 is frontal; the sign says which way (positive: the nose is nearer the right eye, in the
/// picture's left-to-right order); ±0.5 puts the nose above one eye, a strong half profile. A
/// coarse measure, enough to turn away a profile enrolment photo; not an angle.
public enum HeadYaw {
    /// `landmarks`: MTCNN's five, in its order (left eye, right eye, nose, mouth corners);
    /// nil when there are fewer or the eyes coincide.
    public static func of(mtcnnLandmarks landmarks: [Point]) -> Float? {
        guard landmarks.count >= 3 else { return nil }
        let left = landmarks[0], right = landmarks[1], nose = landmarks[2]
        let ex = right.x - left.x, ey = right.y - left.y
        let eyeDistanceSquared = ex * ex + ey * ey
        guard eyeDistanceSquared > 0 else { return nil }
        let middleX = (left.x + right.x) / 2, middleY = (left.y + right.y) / 2
        // Projection of (nose − middle of the eyes) onto the eye line, in eye distances.
        return ((nose.x - middleX) * ex + (nose.y - middleY) * ey) / eyeDistanceSquared
    }
}
