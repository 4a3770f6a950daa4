import Foundation

/// Text written to a file through a 1 MiB buffer, with every write and the close checked. For
/// large scratch or streamed outputs (request tables of millions of rows); user-facing results
/// that must appear whole or not at all go through `AtomicFile`.
public final class ByteFileWriter {
    /// The file written.
    public let path: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes written so far (buffered included).
    public private(set) var byteCount = 0

    static let flushBytes = 1 << 20

    /// Creates (or truncates) the file.
    /// - Throws: `InputError` (kind `.flag`) naming the path if it cannot be created.
    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(.flag, file: path, "cannot create file (\(String(cString: strerror(errno))))")
        }
        buffer.reserveCapacity(Self.flushBytes + 4096)
    }

    deinit { if descriptor >= 0 { _ = closeDescriptor(descriptor) } }

    /// Appends text.
    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        byteCount += text.utf8.count
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        byteCount += bytes.count
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Writes the buffered bytes to the file.
    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                writeDescriptor(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw InputError(.flag, file: path, "cannot write file (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush()
        let status = closeDescriptor(descriptor)
        descriptor = -1
        if status != 0 {
            throw InputError(.flag, file: path, "cannot close file (\(String(cString: strerror(errno))))")
        }
    }
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
