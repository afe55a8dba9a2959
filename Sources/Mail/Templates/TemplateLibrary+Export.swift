import Foundation

extension TemplateLibrary {
    /// Writes the built-in set to `folder` as `LANG/KIND.PART.mustache`, for a sysadmin to
    /// start from (point `templates:` at it): each file byte for byte as it is embedded
    /// (`BuiltInTemplates`).
    ///
    /// Writes only new files: when any of them exists already nothing is written, so an
    /// edited template is never overwritten. Returns how many files it wrote.
    @discardableResult
    public static func exportBuiltIn(to folder: String) throws(TemplateError) -> Int {
        let root = URL(fileURLWithPath: folder)
        // The embedded bytes as they are: the exported file is the one in the source tree.
        let files = BuiltInTemplates.files.sorted { $0.key < $1.key }.map { path, bytes in
            (url: root.appendingPathComponent(path), bytes: bytes)
        }
        let manager = FileManager.default
        if let existing = files.first(where: { manager.fileExists(atPath: $0.url.path) }) {
            throw TemplateError(path: existing.url.path,
                                message: "already exists; export writes only new files (export to an empty folder)")
        }
        for file in files {
            do {
                try manager.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: file.url, options: .withoutOverwriting)
            } catch {
                throw TemplateError(path: file.url.path, message: "cannot write: \(error.localizedDescription)")
            }
        }
        return files.count
    }
}
