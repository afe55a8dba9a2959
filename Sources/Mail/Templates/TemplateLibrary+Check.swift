import DunningCore

extension TemplateLibrary {
    /// Renders every template of every language with sample data; each problem one error (PATH:LINE: error: MESSAGE), including a variable the data does not have and a kind a policy step names that has no template (pass the kinds in).
    ///
    /// `kinds` are the template KINDs the caller uses; the config's email steps' KINDs and
    /// the built-in KINDs are added. A KIND must exist in the company's language (every
    /// other language falls back to it). Errors come sorted by path and line.
    public func check(kinds: [String], config: DunningConfig) -> [TemplateError] {
        var errors = loadProblems + incomplete.values
        let sets = effectiveSets
        for (key, set) in sets {
            let data = TemplateData.sample(kind: key.kind, config: config, language: key.language)
            for template in set.parts {
                let problems = template.problems(with: data)
                errors += problems
                if problems.isEmpty, template.part == .subject, case .success(let parsed) = template.parsed,
                   parsed.render(data.mustacheValue).allSatisfy(\.isWhitespace) {
                    errors.append(TemplateError(path: template.path, line: 1, message: "the subject is empty with sample data"))
                }
            }
        }

        let policyKinds = config.effectivePolicies.flatMap(\.steps).filter { $0.channel == .email }.compactMap(\.template)
        var required: [String] = []
        for kind in kinds + policyKinds + BuiltInTemplates.kinds where !required.contains(kind) { required.append(kind) }
        let languages = Set(sets.map(\.key.language)).union(incomplete.keys.map(\.language))
        if !languages.contains(fallbackLanguage) {
            errors.append(TemplateError(
                path: expectedPath(language: fallbackLanguage, kind: TemplateKind.reminder.rawValue, part: .text),
                message: "no templates for the company's language '\(fallbackLanguage)', which every other language "
                    + "falls back to (there are: \(languages.sorted().joined(separator: ", ")))"))
        } else {
            for kind in required {
                let key = TemplateKey(language: fallbackLanguage, kind: kind)
                guard incomplete[key] == nil, !sets.contains(where: { $0.key == key }) else { continue }
                let hint = folder == nil
                    ? "the built-in KINDs are \(BuiltInTemplates.kinds.joined(separator: ", ")); set `templates:` to a folder with it"
                    : "add \(kind).subject.mustache, \(kind).text.mustache and \(kind).html.mustache"
                errors.append(TemplateError(
                    path: expectedPath(language: fallbackLanguage, kind: kind, part: .text),
                    message: "missing template '\(kind)' in the company's language '\(fallbackLanguage)', "
                        + "used by \(users(of: kind, config: config)); \(hint)"))
            }
        }
        return errors.sorted { ($0.path, $0.line ?? 0, $0.column ?? 0) < ($1.path, $1.line ?? 0, $1.column ?? 0) }
    }

    /// `policy step zakelijk/incasso`, for a message about a missing KIND.
    private func users(of kind: String, config: DunningConfig) -> String {
        let steps = config.effectivePolicies.flatMap { policy in
            policy.steps.filter { $0.channel == .email && $0.template == kind }.map { "\(policy.id)/\($0.id)" }
        }
        return steps.isEmpty ? "dunning" : "policy step " + steps.joined(separator: ", ")
    }
}
