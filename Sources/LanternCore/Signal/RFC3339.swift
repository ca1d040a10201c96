public import Foundation

/// RFC 3339 (section 5.6) as the API documents it: `full-date` alone, or `date-time` with `T` or `t`, any number
/// of fractional digits, and `Z`, `z` or an offset of up to 23:59.
///
/// Foundation's ISO 8601 style refuses offsets beyond 18 hours and a lowercase `t`, both of which RFC 3339 allows,
/// and moves dates before 1582 to the Julian calendar; this reader uses the proleptic Gregorian calendar throughout.
enum RFC3339 {
    static func parse(_ bytes: [UInt8]) -> Date? {
        var reader = Reader(bytes: bytes)
        guard let year = reader.number(4), reader.take(UInt8(ascii: "-")), let month = reader.number(2),
            reader.take(UInt8(ascii: "-")), let day = reader.number(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let midnight = Double(daysSince1970(year: year, month: month, day: day)) * 86_400
        if reader.atEnd { return Date(timeIntervalSince1970: midnight) }
        guard reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")), let hour = reader.number(2),
            reader.take(UInt8(ascii: ":")), let minute = reader.number(2), reader.take(UInt8(ascii: ":")),
            let second = reader.number(2), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var fraction = 0.0
        if reader.take(UInt8(ascii: ".")) {
            var scale = 0.1
            var digits = 0
            while let digit = reader.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offset = 0
        if reader.take(UInt8(ascii: "Z")) || reader.take(UInt8(ascii: "z")) {
            offset = 0
        } else if let sign = reader.sign(), let hours = reader.number(2), reader.take(UInt8(ascii: ":")),
            let minutes = reader.number(2), hours <= 23, minutes <= 59
        {
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        // A leap second (:60) is read as the first second of the next minute.
        let seconds = Double(hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: midnight + seconds + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (the civil-from-days algorithm run backwards).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
            index += 1
            return Int(bytes[index - 1] - UInt8(ascii: "0"))
        }

        mutating func number(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func sign() -> Int? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }
}
