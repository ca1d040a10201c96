extension QRCode {
    /// The code as an SVG image: one path of dark runs, a four-module quiet zone, black on white, scaled by the
    /// page. Nothing in it comes from the encoded text, so it needs no escaping.
    var svg: String {
        let border = 4
        let width = size + 2 * border
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                let start = column
                while column < size && isDark(row: row, column: column) { column += 1 }
                path += "M\(start + border) \(row + border)h\(column - start)v1h-\(column - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(width)" width="\(width * 5)" height="\(width * 5)" \
            shape-rendering="crispEdges" role="img" aria-label="QR code of the authenticator key">\
            <rect width="\(width)" height="\(width)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
