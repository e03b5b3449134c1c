import Foundation

/// A photo of a known person: the file and the name it gives.
public struct KnownImage: Sendable, Hashable {
    public var path: String
    public var name: String

    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }

    /// The photos of a folder of known people, in either of two layouts (mixing them is fine):
    ///
    ///     known/obama.jpg          one photo per person, named after the file ("obama")
    ///     known/biden/1.jpg        a folder per person, named after the folder ("biden"),
    ///     known/biden/2.jpg        holding any number of photos (subfolders included)
    ///
    /// Sorted by path. Throws when `folder` is not a folder.
    public static func photos(in folder: String) throws -> [KnownImage] {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        guard files.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw GalleryError.notAFolder(folder)
        }
        let entries = try files.contentsOfDirectory(atPath: folder).sorted()
        var photos = [KnownImage]()
        for entry in entries where !entry.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(entry)
            guard files.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                let inside = files.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
                photos += inside.filter(ImageFiles.hasImageExtension).sorted()
                    .map { KnownImage(path: (path as NSString).appendingPathComponent($0), name: entry) }
            } else if ImageFiles.hasImageExtension(entry) {
                photos.append(KnownImage(path: path, name: (entry as NSString).deletingPathExtension))
            }
        }
        return photos
    }
}
