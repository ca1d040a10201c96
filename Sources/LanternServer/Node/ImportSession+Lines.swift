import LanternCore

extension ImportSession {
    /// Reads the next bytes of the input, which may end anywhere in a line, and handles each line they complete.
    public mutating func consume(bytes: some Sequence<UInt8>) async throws {
        for byte in bytes {
            if byte == 0x0A {
                try await endLine()
            } else if !skippingLine {
                line.append(byte)
                if line.count > maxLineBytes {
                    skippingLine = true
                    line.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    /// Handles the last line, if the input did not end with a line break, and stores what is pending.
    public mutating func finishLines() async throws -> Summary {
        if skippingLine || !line.isEmpty { try await endLine() }
        return try await finish()
    }

    private mutating func endLine() async throws {
        if skippingLine {
            reject(line: lineNumber, message: "The line is longer than \(maxLineBytes) bytes.")
            skippingLine = false
        } else {
            // The line's buffer is moved out and back, so no line costs an allocation.
            var complete: [UInt8] = []
            swap(&complete, &line)
            try await consume(line: complete, number: lineNumber)
            complete.removeAll(keepingCapacity: true)
            swap(&complete, &line)
        }
        line.removeAll(keepingCapacity: true)
        lineNumber += 1
    }
}
