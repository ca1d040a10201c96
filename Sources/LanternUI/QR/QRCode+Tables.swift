/// The QR code tables of ISO/IEC 18004 this encoder needs: error correction level M only.
extension QRCode {
    /// How a version's codewords split into blocks at level M: error-correction codewords per block, and the
    /// blocks of each group with their data codewords.
    struct Blocks {
        var ecPerBlock: Int
        var group1: (count: Int, data: Int)
        var group2: (count: Int, data: Int)

        var dataCodewords: Int { group1.count * group1.data + group2.count * group2.data }
    }

    /// Index 0 is version 1.
    static let levelMBlocks: [Blocks] = [
        Blocks(ecPerBlock: 10, group1: (1, 16), group2: (0, 0)),  // 1
        Blocks(ecPerBlock: 16, group1: (1, 28), group2: (0, 0)),  // 2
        Blocks(ecPerBlock: 26, group1: (1, 44), group2: (0, 0)),  // 3
        Blocks(ecPerBlock: 18, group1: (2, 32), group2: (0, 0)),  // 4
        Blocks(ecPerBlock: 24, group1: (2, 43), group2: (0, 0)),  // 5
        Blocks(ecPerBlock: 16, group1: (4, 27), group2: (0, 0)),  // 6
        Blocks(ecPerBlock: 18, group1: (4, 31), group2: (0, 0)),  // 7
        Blocks(ecPerBlock: 22, group1: (2, 38), group2: (2, 39)),  // 8
        Blocks(ecPerBlock: 22, group1: (3, 36), group2: (2, 37)),  // 9
        Blocks(ecPerBlock: 26, group1: (4, 43), group2: (1, 44)),  // 10
        Blocks(ecPerBlock: 30, group1: (1, 50), group2: (4, 51)),  // 11
        Blocks(ecPerBlock: 22, group1: (6, 36), group2: (2, 37)),  // 12
        Blocks(ecPerBlock: 22, group1: (8, 37), group2: (1, 38)),  // 13
        Blocks(ecPerBlock: 24, group1: (4, 40), group2: (5, 41)),  // 14
        Blocks(ecPerBlock: 24, group1: (5, 41), group2: (5, 42)),  // 15
        Blocks(ecPerBlock: 28, group1: (7, 45), group2: (3, 46)),  // 16
        Blocks(ecPerBlock: 28, group1: (10, 46), group2: (1, 47)),  // 17
        Blocks(ecPerBlock: 26, group1: (9, 43), group2: (4, 44)),  // 18
        Blocks(ecPerBlock: 26, group1: (3, 44), group2: (11, 45)),  // 19
        Blocks(ecPerBlock: 26, group1: (3, 41), group2: (13, 42)),  // 20
        Blocks(ecPerBlock: 26, group1: (17, 42), group2: (0, 0)),  // 21
        Blocks(ecPerBlock: 28, group1: (17, 46), group2: (0, 0)),  // 22
        Blocks(ecPerBlock: 28, group1: (4, 47), group2: (14, 48)),  // 23
        Blocks(ecPerBlock: 28, group1: (6, 45), group2: (14, 46)),  // 24
        Blocks(ecPerBlock: 28, group1: (8, 47), group2: (13, 48)),  // 25
        Blocks(ecPerBlock: 28, group1: (19, 46), group2: (4, 47)),  // 26
        Blocks(ecPerBlock: 28, group1: (22, 45), group2: (3, 46)),  // 27
        Blocks(ecPerBlock: 28, group1: (3, 45), group2: (23, 46)),  // 28
        Blocks(ecPerBlock: 28, group1: (21, 45), group2: (7, 46)),  // 29
        Blocks(ecPerBlock: 28, group1: (19, 47), group2: (10, 48)),  // 30
        Blocks(ecPerBlock: 28, group1: (2, 46), group2: (29, 47)),  // 31
        Blocks(ecPerBlock: 28, group1: (10, 46), group2: (23, 47)),  // 32
        Blocks(ecPerBlock: 28, group1: (14, 46), group2: (21, 47)),  // 33
        Blocks(ecPerBlock: 28, group1: (14, 46), group2: (23, 47)),  // 34
        Blocks(ecPerBlock: 28, group1: (12, 47), group2: (26, 48)),  // 35
        Blocks(ecPerBlock: 28, group1: (6, 47), group2: (34, 48)),  // 36
        Blocks(ecPerBlock: 28, group1: (29, 46), group2: (14, 47)),  // 37
        Blocks(ecPerBlock: 28, group1: (13, 46), group2: (32, 47)),  // 38
        Blocks(ecPerBlock: 28, group1: (40, 47), group2: (7, 48)),  // 39
        Blocks(ecPerBlock: 28, group1: (18, 47), group2: (31, 48)),  // 40
    ]

    /// The centres of the alignment patterns' rows and columns, by version (index 0 is version 1).
    static let alignmentCentres: [[Int]] = [
        [],
        [6, 18],
        [6, 22],
        [6, 26],
        [6, 30],
        [6, 34],
        [6, 22, 38],
        [6, 24, 42],
        [6, 26, 46],
        [6, 28, 50],
        [6, 30, 54],
        [6, 32, 58],
        [6, 34, 62],
        [6, 26, 46, 66],
        [6, 26, 48, 70],
        [6, 26, 50, 74],
        [6, 30, 54, 78],
        [6, 30, 56, 82],
        [6, 30, 58, 86],
        [6, 34, 62, 90],
        [6, 28, 50, 72, 94],
        [6, 26, 50, 74, 98],
        [6, 30, 54, 78, 102],
        [6, 28, 54, 80, 106],
        [6, 32, 58, 84, 110],
        [6, 30, 58, 86, 114],
        [6, 34, 62, 90, 118],
        [6, 26, 50, 74, 98, 122],
        [6, 30, 54, 78, 102, 126],
        [6, 26, 52, 78, 104, 130],
        [6, 30, 56, 82, 108, 134],
        [6, 34, 60, 86, 112, 138],
        [6, 30, 58, 86, 114, 142],
        [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150],
        [6, 24, 50, 76, 102, 128, 154],
        [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162],
        [6, 26, 54, 82, 110, 138, 166],
        [6, 30, 58, 86, 114, 142, 170],
    ]
}
