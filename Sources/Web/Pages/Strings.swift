import Controller
import TIC

/// The page's words in each ``Language``. The script gets ``script(_:)`` as JSON.
enum Strings {
    static func table(_ language: Language) -> [(String, String)] {
        language == .french ? french : english
    }

    static func get(_ key: String, _ language: Language) -> String {
        table(language).first { $0.0 == key }?.1 ?? key
    }

    static let french: [(String, String)] = [
        ("energy", "Énergie"), ("power_page", "Courbes"), ("today", "Aujourd'hui"), ("yesterday", "Hier"),
        ("this_month", "Ce mois-ci"), ("this_year", "Cette année"), ("subscription", "Abonnement (part)"), ("sum", "Total"),
        ("no_prices", "Aucun prix dans le fichier de règles (prices:) : l'énergie seulement, sans les euros."),
        ("energy_bars", "Consommation par période"), ("meter", "Compteur"), ("bars_by", "Barres par"),
        ("by_day", "Jour"), ("by_week", "Semaine"), ("by_month", "Mois"), ("by_year", "Année"), ("by_hour", "Heure"),
        ("previous", "Précédent"), ("next", "Suivant"),
        ("bars_hint", "Cliquez sur une barre pour l'ouvrir (une année → ses mois, un mois ou une semaine → ses jours, un jour → ses heures)."),
        ("chartjs_missing", "La bibliothèque de graphiques manque : installez le paquet Debian libjs-chart.js (sudo apt-get install libjs-chart.js). Les chiffres restent dans le tableau."),
        ("dygraphs_missing", "La bibliothèque de courbes manque : installez le paquet Debian libjs-dygraphs (sudo apt-get install libjs-dygraphs). Les valeurs restent dans le tableau."),
        ("power_graph", "Puissance apparente"), ("span", "Durée"), ("last_6h", "6 h"), ("last_24h", "24 h"),
        ("last_7d", "7 jours"), ("last_30d", "30 jours"), ("reset_zoom", "Tout voir"),
        ("power_hint", "Glissez pour zoomer, Maj + glisser pour vous déplacer, double-clic pour revenir. Fond : la période tarifaire ; traits : les événements."),
        ("no_data", "Pas de données sur cette période."), ("kwh", "kWh"), ("eur", "€"), ("week", "sem."),
        ("total_power", "Total"), ("injection_power", "Injection"), ("ev_switched", "Commutation"),
        ("ev_meter-lost", "Signal perdu"), ("ev_meter-back", "Signal revenu"), ("ev_ejp-notice", "Préavis EJP"),
        ("ev_tempo-tomorrow", "Tempo demain"), ("ev_overpower", "Dépassement"), ("ev_meter-reset", "Nouveau compteur"),
        ("loading", "Chargement…"), ("date", "Date"), ("bars_table", "Les chiffres"), ("no_events_range", "Aucun événement sur cette période."), ("no_energy_year", "Aucune énergie enregistrée cette année pour ce compteur."),
        ("title", "linkyd"), ("live", "En direct"), ("events", "Événements"), ("rules", "Règles"),
        ("outputs", "Sorties"), ("no_outputs", "Aucune sortie déclarée."), ("power", "Puissance apparente"),
        ("injected", "Injection"), ("phase", "Phase"), ("current", "Courant"), ("voltage", "Tension"),
        ("balance", "Déséquilibre"), ("period", "Période"), ("tempo_today", "Tempo aujourd'hui"),
        ("tempo_tomorrow", "Tempo demain"), ("ejp_notice", "Préavis EJP"), ("ejp_peak", "Pointe mobile EJP"),
        ("overpower", "Dépassement de puissance"), ("signal_ok", "Signal reçu"), ("signal_lost", "Signal perdu"),
        ("signal_waiting", "En attente du compteur"), ("signal_line-failed", "Liaison série en échec"),
        ("ago", "il y a"), ("since", "depuis"), ("since_start", "depuis le démarrage"),
        ("on", "MARCHE"), ("off", "ARRÊT"), ("subscribed", "souscrite"), ("total", "Index total"),
        ("reason_initial", "état initial"), ("reason_rule", "règle"), ("reason_shedding", "délestage"),
        ("reason_failsafe", "sécurité"), ("pending", "bientôt"), ("disconnected", "Connexion au Pi perdue, reconnexion…"),
        ("noscript", "Cette page se met à jour avec JavaScript ; /api/status donne les mêmes valeurs."),
        ("events_intro", "Les événements récents, gardés en mémoire depuis le démarrage de linkyd (les plus récents d'abord). Les plus anciens viendront avec l'historique."),
        ("no_events", "Aucun événement depuis le démarrage."), ("rules_file", "Fichier de règles en vigueur"),
        ("last_reload", "Dernier rechargement"), ("no_reload", "Aucun rechargement depuis le démarrage (SIGHUP recharge le fichier)."),
        ("applied", "appliqué"), ("refused", "refusé : les règles précédentes restent en vigueur"),
        ("diagnostics", "Diagnostics"), ("no_diagnostics", "Aucun problème."), ("at", "le"), ("stopped", "linkyd est arrêté : sorties en état de sécurité."),
        ("time", "Heure"), ("what", "Événement"), ("shed", "délestée"), ("no_file", "Le texte du fichier n'est pas disponible."),
    ]

    static let english: [(String, String)] = [
        ("energy", "Energy"), ("power_page", "Graphs"), ("today", "Today"), ("yesterday", "Yesterday"),
        ("this_month", "This month"), ("this_year", "This year"), ("subscription", "Subscription (share)"), ("sum", "Total"),
        ("no_prices", "No prices in the rules file (prices:): energy only, no euros."),
        ("energy_bars", "Consumption per period"), ("meter", "Meter"), ("bars_by", "Bars by"),
        ("by_day", "Day"), ("by_week", "Week"), ("by_month", "Month"), ("by_year", "Year"), ("by_hour", "Hour"),
        ("previous", "Previous"), ("next", "Next"),
        ("bars_hint", "Click a bar to open it (a year → its months, a month or a week → its days, a day → its hours)."),
        ("chartjs_missing", "The charting library is missing: install Debian's libjs-chart.js package (sudo apt-get install libjs-chart.js). The numbers are in the table."),
        ("dygraphs_missing", "The graph library is missing: install Debian's libjs-dygraphs package (sudo apt-get install libjs-dygraphs). The values are in the table."),
        ("power_graph", "Apparent power"), ("span", "Span"), ("last_6h", "6 h"), ("last_24h", "24 h"),
        ("last_7d", "7 days"), ("last_30d", "30 days"), ("reset_zoom", "Show all"),
        ("power_hint", "Drag to zoom, shift-drag to pan, double-click to zoom out. Background: the tariff period; lines: the events."),
        ("no_data", "No data in this range."), ("kwh", "kWh"), ("eur", "€"), ("week", "wk"),
        ("total_power", "Total"), ("injection_power", "Injection"), ("ev_switched", "Switch"),
        ("ev_meter-lost", "Signal lost"), ("ev_meter-back", "Signal back"), ("ev_ejp-notice", "EJP notice"),
        ("ev_tempo-tomorrow", "Tempo tomorrow"), ("ev_overpower", "Overpower"), ("ev_meter-reset", "New meter"),
        ("loading", "Loading…"), ("date", "Date"), ("bars_table", "The numbers"), ("no_events_range", "No events in this range."), ("no_energy_year", "No energy recorded this year for this meter."),
        ("title", "linkyd"), ("live", "Live"), ("events", "Events"), ("rules", "Rules"),
        ("outputs", "Outputs"), ("no_outputs", "No outputs declared."), ("power", "Apparent power"),
        ("injected", "Injection"), ("phase", "Phase"), ("current", "Current"), ("voltage", "Voltage"),
        ("balance", "Imbalance"), ("period", "Period"), ("tempo_today", "Tempo today"),
        ("tempo_tomorrow", "Tempo tomorrow"), ("ejp_notice", "EJP notice"), ("ejp_peak", "EJP peak"),
        ("overpower", "Overpower"), ("signal_ok", "Signal received"), ("signal_lost", "Signal lost"),
        ("signal_waiting", "Waiting for the meter"), ("signal_line-failed", "Serial line failing"),
        ("ago", ""), ("since", "since"), ("since_start", "since start"),
        ("on", "ON"), ("off", "OFF"), ("subscribed", "subscribed"), ("total", "Total index"),
        ("reason_initial", "initial state"), ("reason_rule", "rule"), ("reason_shedding", "shedding"),
        ("reason_failsafe", "fail-safe"), ("pending", "soon"), ("disconnected", "Connection to the Pi lost, reconnecting…"),
        ("noscript", "This page updates with JavaScript; /api/status has the same values."),
        ("events_intro", "Recent events, kept in memory since linkyd started (newest first). Older ones will come with the history."),
        ("no_events", "No events since start."), ("rules_file", "Rules file in force"),
        ("last_reload", "Last reload"), ("no_reload", "No reload since start (SIGHUP reloads the file)."),
        ("applied", "applied"), ("refused", "refused: the previous rules stay in force"),
        ("diagnostics", "Diagnostics"), ("no_diagnostics", "No problems."), ("at", "at"), ("stopped", "linkyd stopped: outputs in their fail-safe states."),
        ("time", "Time"), ("what", "Event"), ("shed", "shed"), ("no_file", "The file's text is not available."),
    ]

    static func period(_ period: TariffPeriod, _ language: Language) -> String {
        let fr = language == .french
        switch period {
        case .base: return fr ? "Base" : "Base"
        case .hc: return fr ? "Heures creuses" : "Off-peak"
        case .hp: return fr ? "Heures pleines" : "Peak"
        case .hn: return fr ? "Heures normales" : "Normal hours"
        case .pm: return fr ? "Pointe mobile" : "Mobile peak"
        case .hcBlue, .hcWhite, .hcRed:
            return (fr ? "HC " : "Off-peak ") + tempo(period.tempoColor ?? .blue, language)
        case .hpBlue, .hpWhite, .hpRed:
            return (fr ? "HP " : "Peak ") + tempo(period.tempoColor ?? .blue, language)
        }
    }

    static func tempo(_ color: TempoColor, _ language: Language) -> String {
        switch (color, language) {
        case (.blue, .french): "bleu"
        case (.white, .french): "blanc"
        case (.red, .french): "rouge"
        case (.blue, .english): "blue"
        case (.white, .english): "white"
        case (.red, .english): "red"
        }
    }

    /// The words the script needs, with the period and colour names, as one JSON object.
    static func script(_ language: Language) -> String {
        var object = JSONObject()
        for (key, value) in table(language) { object.add(key, .string(value)) }
        for period in TariffPeriod.allCases { object.add("period_" + period.rawValue, .string(Self.period(period, language))) }
        for color in TempoColor.allCases { object.add("tempo_" + color.rawValue, .string(tempo(color, language))) }
        return object.line
    }
}
