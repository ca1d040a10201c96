/// Checks the transaction details of a financial-pool signal.
public enum TransactionValidator {
    /// Checks details that arrive already in normal form (from a peer): the same rules as a draft's, and the form
    /// a draft would have been given.
    public static func check(_ details: TransactionDetails) throws(ValidationError) {
        guard Timestamp.isHeld(details.date) else {
            throw ValidationError(field: "transaction.date", reason: "A transaction date is in the years 1 to 9999.")
        }
        guard isDecimal(details.amount), details.amount.contains(where: { $0 >= "1" && $0 <= "9" }) else {
            throw ValidationError(field: "transaction.amount", reason: "The amount is not a positive decimal amount such as 250.00.")
        }
        guard details.currency.utf8.count == 3, details.currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            throw ValidationError(field: "transaction.currency", reason: "A currency is a three-letter ISO 4217 code in capitals, such as USD.")
        }
        let provider = try ValueNormalizer.token(details.provider, field: "transaction.provider", example: "paypal")
        guard provider == details.provider else {
            throw ValidationError(field: "transaction.provider", reason: "The provider is not in normal form (lowercase, no spaces).")
        }
    }

    static func validate(_ draft: TransactionDraft) throws(ValidationError) -> TransactionDetails {
        guard let dateText = draft.date else {
            throw ValidationError(field: "transaction.date", reason: "Transaction details need the date of the transaction.")
        }
        let date = try SignalValidator.parseDate(dateText, field: "transaction.date")
        guard let amountText = draft.amount?.trimmingWhitespace(), !amountText.isEmpty else {
            throw ValidationError(field: "transaction.amount", reason: "Transaction details need an amount, such as 250.00.")
        }
        guard isDecimal(amountText), amountText.contains(where: { $0 >= "1" && $0 <= "9" }) else {
            throw ValidationError(field: "transaction.amount", reason: "'\(amountText)' is not a positive decimal amount such as 250.00.")
        }
        guard let currency = draft.currency?.trimmingWhitespace().uppercased(), currency.utf8.count == 3,
            currency.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        else {
            throw ValidationError(field: "transaction.currency", reason: "A currency is a three-letter ISO 4217 code, such as USD or EUR.")
        }
        let provider: String
        do {
            provider = try ValueNormalizer.token(draft.provider, field: "transaction.provider", example: "paypal")
        }
        return TransactionDetails(date: date, amount: amountText, currency: currency, provider: provider)
    }

    static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 15,
            whole.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return false }
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...8).contains(fraction.count), fraction.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        }
        return true
    }
}
