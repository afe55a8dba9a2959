import ArgumentParser
import Mail

/// `dunning export-templates FOLDER`: the built-in templates as files, to start editing from.
struct ExportTemplates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-templates",
        abstract: "Write the built-in templates to a folder.",
        discussion: """
            Writes FOLDER/LANG/KIND.subject.mustache, KIND.text.mustache and KIND.html.mustache for every \
            built-in language and KIND, and prints how many files it wrote. Writes nothing (exit 1) when any \
            of those files exists already, so an edited template is never overwritten. Reads no config. To \
            use edited templates, point `templates:` in the config at a folder holding the KINDs you changed \
            (all three files each); the KINDs it lacks stay built-in.
            """
    )
    @Argument(help: ArgumentHelp("The folder (created if missing).", valueName: "folder")) var folder: String

    func run() throws {
        do {
            let count = try TemplateLibrary.exportBuiltIn(to: folder)
            Console.out("\(folder): wrote \(count) templates")
        } catch {
            throw UserError(error.description)
        }
    }
}
