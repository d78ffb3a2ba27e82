"""Default wording of the management questionnaire (aspect 3 of the KSP/USP health assessment).

Permen KUKM 14/2009 Tabel 9–13 (reused by Perdep 06/2016) fix the structure: 38 yes/no questions in
five groups — manajemen umum 12, kelembagaan 6, manajemen permodalan 5, manajemen aktiva 10,
manajemen likuiditas 5 — each "Ya" earning a fixed number of points (reference.md §1.3 item 3).
The official wording of the questions was not retrieved (reference.md §6 item 5). The questions
below are this project's own, written to cover each group's subject; they are *not* the
regulation's text. The application stores them in the database so that administrators can edit
them; this module is the default content, and `VERSION` identifies it so stored answers can say
which wording they answered.

The order of the questions in a group is the order of the answers in a report's
`manajemen.<group>` list.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "2026.1"


@dataclass(frozen=True)
class Question:
    """One yes/no question: `code` is stable ("umum-01"), `number` its position in the group (1-based)."""

    code: str
    group: str
    number: int
    text: str
    text_en: str


@dataclass(frozen=True)
class QuestionGroup:
    """A group of questions; `component` is the assessment component its answers score (3a–3e)."""

    code: str
    component: str
    title: str
    title_en: str
    questions: tuple[Question, ...]


def _group(
    code: str, component: str, title: str, title_en: str, texts: list[tuple[str, str]]
) -> QuestionGroup:
    questions = tuple(
        Question(code=f"{code}-{number:02d}", group=code, number=number, text=text, text_en=text_en)
        for number, (text, text_en) in enumerate(texts, start=1)
    )
    return QuestionGroup(code, component, title, title_en, questions)


UMUM = _group(
    "umum",
    "3a",
    "Manajemen umum",
    "General management",
    [
        (
            "Apakah koperasi memiliki visi, misi, dan tujuan tertulis yang diketahui oleh pengurus,"
            " pengawas, pengelola, dan anggota?",
            "Does the cooperative have a written vision, mission and objectives known to the board, the"
            " supervisors, the management and the members?",
        ),
        (
            "Apakah koperasi memiliki rencana kerja jangka panjang (sekurang-kurangnya tiga tahun) yang"
            " menjadi acuan dalam menjalankan usaha?",
            "Does the cooperative have a long-term work plan (at least three years) that guides how it runs"
            " its business?",
        ),
        (
            "Apakah rencana kerja dan anggaran pendapatan dan belanja tahunan disahkan oleh Rapat Anggota?",
            "Are the annual work plan and budget approved by the members' meeting?",
        ),
        (
            "Apakah koperasi memiliki struktur organisasi dengan uraian tugas dan wewenang tertulis bagi"
            " pengurus, pengawas, dan pengelola?",
            "Does the cooperative have an organisation chart with written duties and authority for the"
            " board, the supervisors and the management?",
        ),
        (
            "Apakah koperasi memiliki standar operasional prosedur (SOP) tertulis untuk layanan simpan"
            " pinjam dan menjalankannya secara konsisten?",
            "Does the cooperative have written standard operating procedures for its savings and loan"
            " services, and does it follow them consistently?",
        ),
        (
            "Apakah pengurus mengadakan rapat secara berkala dan keputusannya dicatat dalam notulen?",
            "Does the board meet regularly, with its decisions recorded in minutes?",
        ),
        (
            "Apakah pengawas memeriksa pelaksanaan kebijakan dan pengelolaan koperasi secara berkala dan"
            " melaporkan hasilnya secara tertulis?",
            "Do the supervisors regularly examine how policies are carried out and how the cooperative is"
            " managed, and report their findings in writing?",
        ),
        (
            "Apakah pengelola (manajer) diangkat berdasarkan kompetensi dan bekerja dengan kontrak kerja"
            " tertulis?",
            "Is the manager appointed on the basis of competence and employed under a written contract?",
        ),
        (
            "Apakah dalam setahun terakhir koperasi menyelenggarakan atau mengikutkan pengurus, pengawas,"
            " pengelola, dan karyawan dalam pendidikan dan pelatihan?",
            "In the past year, did the cooperative hold or send its board, supervisors, management and staff"
            " to education and training?",
        ),
        (
            "Apakah laporan keuangan disusun sesuai standar akuntansi yang berlaku dan diperiksa oleh pihak"
            " independen?",
            "Are the financial statements prepared under the applicable accounting standard and examined by"
            " an independent party?",
        ),
        (
            "Apakah Rapat Anggota Tahunan diselenggarakan tepat waktu dan laporan pertanggungjawaban"
            " pengurus disahkan di dalamnya?",
            "Is the annual members' meeting held on time, and does it approve the board's accountability"
            " report?",
        ),
        (
            "Apakah pencatatan transaksi memungkinkan koperasi menyusun laporan keuangan setiap bulan?",
            "Do the cooperative's records allow it to produce financial statements every month?",
        ),
    ],
)

KELEMBAGAAN = _group(
    "kelembagaan",
    "3b",
    "Kelembagaan",
    "Institutional",
    [
        (
            "Apakah koperasi berbadan hukum dan anggaran dasarnya telah disesuaikan dengan peraturan"
            " perundang-undangan yang berlaku?",
            "Is the cooperative a registered legal entity whose articles of association follow the laws in"
            " force?",
        ),
        (
            "Apakah koperasi memiliki izin usaha simpan pinjam yang masih berlaku?",
            "Does the cooperative hold a valid savings and loan business licence?",
        ),
        (
            "Apakah koperasi memiliki anggaran rumah tangga dan peraturan khusus yang mengatur usaha simpan"
            " pinjam?",
            "Does the cooperative have by-laws and specific regulations governing its savings and loan"
            " business?",
        ),
        (
            "Apakah buku daftar anggota, daftar pengurus, dan daftar pengawas lengkap dan diperbarui?",
            "Are the registers of members, board members and supervisors complete and up to date?",
        ),
        (
            "Apakah pengurus dan pengawas dipilih oleh Rapat Anggota sesuai masa jabatan dalam anggaran"
            " dasar?",
            "Are the board and the supervisors elected by the members' meeting for the terms set in the"
            " articles of association?",
        ),
        (
            "Apakah koperasi memiliki kantor tetap dengan papan nama, dan usaha simpan pinjamnya dikelola"
            " terpisah dari unit usaha lain?",
            "Does the cooperative have a permanent office with a name board, and is its savings and loan"
            " business managed separately from its other business units?",
        ),
    ],
)

PERMODALAN = _group(
    "permodalan",
    "3c",
    "Manajemen permodalan",
    "Capital management",
    [
        (
            "Apakah pertumbuhan modal sendiri dalam tahun buku terakhir sekurang-kurangnya sama dengan"
            " pertumbuhan aset?",
            "In the last financial year, did equity grow at least as fast as total assets?",
        ),
        (
            "Apakah anggota membayar simpanan pokok dan simpanan wajib secara tertib sesuai anggaran dasar?",
            "Do members pay their principal and compulsory savings as the articles of association require?",
        ),
        (
            "Apakah sebagian SHU disisihkan sebagai cadangan sesuai ketentuan anggaran dasar?",
            "Is part of the surplus (SHU) set aside as reserves as the articles of association require?",
        ),
        (
            "Apakah koperasi memiliki kebijakan tertulis tentang penghimpunan dan penggunaan modal, termasuk"
            " batas pinjaman dari pihak luar?",
            "Does the cooperative have a written policy on raising and using capital, including a limit on"
            " borrowing from outside parties?",
        ),
        (
            "Apakah tambahan modal dari luar (pinjaman bank, modal penyertaan) disetujui Rapat Anggota dan"
            " digunakan untuk usaha produktif?",
            "Is outside capital (bank loans, equity participation) approved by the members' meeting and used"
            " for productive business?",
        ),
    ],
)

AKTIVA = _group(
    "aktiva",
    "3d",
    "Manajemen aktiva",
    "Asset management",
    [
        (
            "Apakah koperasi memiliki kebijakan tertulis tentang pemberian pinjaman (persyaratan, plafon,"
            " jangka waktu, jasa)?",
            "Does the cooperative have a written lending policy (requirements, ceilings, terms, interest)?",
        ),
        (
            "Apakah setiap permohonan pinjaman dianalisis kelayakannya (kemampuan bayar, agunan) sebelum"
            " diputuskan?",
            "Is every loan application assessed (repayment capacity, collateral) before it is decided?",
        ),
        (
            "Apakah keputusan pemberian pinjaman dibuat oleh pejabat atau komite yang berwenang sesuai batas"
            " wewenangnya?",
            "Are loans approved by the authorised officer or committee within its limits of authority?",
        ),
        (
            "Apakah pinjaman kepada pengurus, pengawas, dan pengelola diberikan dengan syarat yang sama"
            " dengan anggota lain dan dalam batas yang ditetapkan?",
            "Are loans to board members, supervisors and managers granted on the same terms as to other"
            " members and within the set limits?",
        ),
        (
            "Apakah setiap pinjaman didukung perjanjian tertulis dan dokumen agunan yang disimpan dengan"
            " aman?",
            "Is every loan backed by a written agreement and collateral documents that are kept safely?",
        ),
        (
            "Apakah kolektibilitas pinjaman (lancar, kurang lancar, diragukan, macet) dipantau dan"
            " dilaporkan setiap bulan?",
            "Is the quality of the loan portfolio (current, substandard, doubtful, loss) monitored and"
            " reported every month?",
        ),
        (
            "Apakah koperasi membentuk cadangan risiko (penyisihan penghapusan pinjaman) sesuai"
            " kolektibilitas pinjaman?",
            "Does the cooperative build loan-loss reserves in line with the quality of its loans?",
        ),
        (
            "Apakah ada prosedur tertulis untuk penagihan dan penyelesaian pinjaman bermasalah, dan prosedur"
            " itu dijalankan?",
            "Is there a written procedure for collecting and resolving problem loans, and is it followed?",
        ),
        (
            "Apakah penghapusan pinjaman macet dilakukan berdasarkan kebijakan tertulis dan disetujui pihak"
            " yang berwenang?",
            "Are loss loans written off under a written policy and with the approval of the authorised"
            " party?",
        ),
        (
            "Apakah aset tetap dan inventaris dicatat, dijaga, dan disusutkan secara teratur?",
            "Are fixed assets and equipment recorded, safeguarded and depreciated regularly?",
        ),
    ],
)

LIKUIDITAS = _group(
    "likuiditas",
    "3e",
    "Manajemen likuiditas",
    "Liquidity management",
    [
        (
            "Apakah koperasi memiliki kebijakan tertulis tentang batas minimum dan maksimum saldo kas dan"
            " bank?",
            "Does the cooperative have a written policy on the minimum and maximum cash and bank balances?",
        ),
        (
            "Apakah koperasi menyusun rencana arus kas (proyeksi penerimaan dan pengeluaran) secara berkala?",
            "Does the cooperative prepare cash-flow plans (projected receipts and payments) regularly?",
        ),
        (
            "Apakah koperasi memiliki fasilitas pembiayaan atau kerja sama dengan lembaga lain untuk"
            " memenuhi kebutuhan likuiditas mendesak?",
            "Does the cooperative have a credit line or an arrangement with another institution to meet"
            " urgent liquidity needs?",
        ),
        (
            "Apakah dalam setahun terakhir setiap penarikan simpanan oleh anggota dapat dilayani tepat"
            " waktu?",
            "In the past year, was every withdrawal of savings by members paid out on time?",
        ),
        (
            "Apakah pengurus memantau rasio likuiditas (rasio kas, pinjaman terhadap dana yang diterima)"
            " setiap bulan dan menindaklanjuti penyimpangannya?",
            "Does the board monitor the liquidity ratios (cash ratio, loans to funds received) every month"
            " and act on deviations?",
        ),
    ],
)

GROUPS: tuple[QuestionGroup, ...] = (UMUM, KELEMBAGAAN, PERMODALAN, AKTIVA, LIKUIDITAS)


def questions() -> tuple[Question, ...]:
    """All 38 questions, group by group, in answer order."""
    return tuple(question for group in GROUPS for question in group.questions)


def group(code: str) -> QuestionGroup:
    for candidate in GROUPS:
        if candidate.code == code:
            return candidate
    raise KeyError(code)
