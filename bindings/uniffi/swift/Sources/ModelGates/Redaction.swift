import Foundation

// `print` and `debugPrint` show Rust's redacted text (uniffi's `Display`/`Debug` conformances);
// `dump` and a debugger's variable view walk the struct's `Mirror` instead, so the request's
// mirror leaves out the headers (the management key is one of them).
extension HttpRequest: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "followRedirects": followRedirects], displayStyle: .struct)
    }
}
