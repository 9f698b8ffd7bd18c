import Controller
import Foundation
import PostgresNIO

/// ``PostgreSQLConfig`` → postgres-nio's connection configuration, with libpq's `sslmode` meanings:
/// `disable` plain TCP; `prefer` TLS if offered, `require` TLS or nothing (neither verifies the
/// certificate, as libpq without a root certificate); `verify-ca` the certificate chains to
/// `ca-file` (or the system store); `verify-full` and it names the host.
enum PostgresTLS {
    static func configuration(_ config: PostgreSQLConfig, password: String?) throws(ExportError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        if config.tls == .disable {
            tls = .disable
        } else {
            var settings = TLSConfiguration.makeClientConfiguration()
            switch config.tls {
            case .disable, .prefer, .require: settings.certificateVerification = .none
            case .verifyCA: settings.certificateVerification = .noHostnameVerification
            case .verifyFull: settings.certificateVerification = .fullVerification
            }
            if let caFile = config.caFile, config.tls == .verifyCA || config.tls == .verifyFull {
                guard FileManager.default.isReadableFile(atPath: caFile) else {
                    throw ExportError(server: config.server, problem: "cannot read the CA file \(caFile)",
                                      hint: "it must exist and be readable by the user linkyd runs as")
                }
                settings.trustRoots = .file(caFile)
            }
            let context: NIOSSLContext
            do {
                context = try NIOSSLContext(configuration: settings)
            } catch {
                throw ExportError(server: config.server, problem: "cannot set up TLS: \(error)",
                                  hint: config.caFile.map { "is \($0) a PEM certificate?" })
            }
            tls = config.tls == .prefer ? .prefer(context) : .require(context)
        }
        var configuration = PostgresConnection.Configuration(host: config.host, port: config.port, username: config.user,
                                                             password: password, database: config.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "linkyd")]
        return configuration
    }
}
