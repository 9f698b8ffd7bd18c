import Foundation

/// The page's language: French by default (the meters and the users are), English with `?lang=en`
/// or a browser that prefers English (`Accept-Language`).
public enum Language: String, Sendable, CaseIterable {
    case french = "fr"
    case english = "en"

    /// `?lang=` wins (nil when absent or unknown); then the first of `fr`/`en` in `Accept-Language`
    /// by quality; French otherwise.
    public static func negotiate(query: String?, acceptLanguage: String?) -> Language {
        if let query, let language = Language(rawValue: query.lowercased()) { return language }
        guard let acceptLanguage else { return .french }
        var best: (Language, Double)?
        for item in acceptLanguage.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard let language = Language(rawValue: primary) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0, quality > (best?.1 ?? 0) { best = (language, quality) }
        }
        return best?.0 ?? .french
    }
}

