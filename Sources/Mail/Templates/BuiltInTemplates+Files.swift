extension BuiltInTemplates {
    /// Every embedded template by the path it is exported to (`LANG/KIND.PART.mustache`); its
    /// source is `Templates/BuiltIn/LANG/LANG.KIND.PART.mustache` (see `BuiltInTemplates`).
    package static let files: [String: [UInt8]] = [
        "en/confirmation.html.mustache": PackageResources.en_confirmation_html_mustache,
        "en/confirmation.subject.mustache": PackageResources.en_confirmation_subject_mustache,
        "en/confirmation.text.mustache": PackageResources.en_confirmation_text_mustache,
        "en/digest.html.mustache": PackageResources.en_digest_html_mustache,
        "en/digest.subject.mustache": PackageResources.en_digest_subject_mustache,
        "en/digest.text.mustache": PackageResources.en_digest_text_mustache,
        "en/notice.html.mustache": PackageResources.en_notice_html_mustache,
        "en/notice.subject.mustache": PackageResources.en_notice_subject_mustache,
        "en/notice.text.mustache": PackageResources.en_notice_text_mustache,
        "en/reminder.html.mustache": PackageResources.en_reminder_html_mustache,
        "en/reminder.subject.mustache": PackageResources.en_reminder_subject_mustache,
        "en/reminder.text.mustache": PackageResources.en_reminder_text_mustache,
        "nl/confirmation.html.mustache": PackageResources.nl_confirmation_html_mustache,
        "nl/confirmation.subject.mustache": PackageResources.nl_confirmation_subject_mustache,
        "nl/confirmation.text.mustache": PackageResources.nl_confirmation_text_mustache,
        "nl/digest.html.mustache": PackageResources.nl_digest_html_mustache,
        "nl/digest.subject.mustache": PackageResources.nl_digest_subject_mustache,
        "nl/digest.text.mustache": PackageResources.nl_digest_text_mustache,
        "nl/notice.html.mustache": PackageResources.nl_notice_html_mustache,
        "nl/notice.subject.mustache": PackageResources.nl_notice_subject_mustache,
        "nl/notice.text.mustache": PackageResources.nl_notice_text_mustache,
        "nl/reminder.html.mustache": PackageResources.nl_reminder_html_mustache,
        "nl/reminder.subject.mustache": PackageResources.nl_reminder_subject_mustache,
        "nl/reminder.text.mustache": PackageResources.nl_reminder_text_mustache,
        "ro/confirmation.html.mustache": PackageResources.ro_confirmation_html_mustache,
        "ro/confirmation.subject.mustache": PackageResources.ro_confirmation_subject_mustache,
        "ro/confirmation.text.mustache": PackageResources.ro_confirmation_text_mustache,
        "ro/digest.html.mustache": PackageResources.ro_digest_html_mustache,
        "ro/digest.subject.mustache": PackageResources.ro_digest_subject_mustache,
        "ro/digest.text.mustache": PackageResources.ro_digest_text_mustache,
        "ro/notice.html.mustache": PackageResources.ro_notice_html_mustache,
        "ro/notice.subject.mustache": PackageResources.ro_notice_subject_mustache,
        "ro/notice.text.mustache": PackageResources.ro_notice_text_mustache,
        "ro/reminder.html.mustache": PackageResources.ro_reminder_html_mustache,
        "ro/reminder.subject.mustache": PackageResources.ro_reminder_subject_mustache,
        "ro/reminder.text.mustache": PackageResources.ro_reminder_text_mustache,
    ]

    /// The digest's lines per language (`DigestPhrases`), not exported: a templates folder has
    /// no place for them (yet). Sources: `Templates/BuiltIn/LANG/LANG.digest.lines.mustache`.
    package static let digestLines: [String: [UInt8]] = [
        "en/digest.lines.mustache": PackageResources.en_digest_lines_mustache,
        "nl/digest.lines.mustache": PackageResources.nl_digest_lines_mustache,
        "ro/digest.lines.mustache": PackageResources.ro_digest_lines_mustache,
    ]
}
