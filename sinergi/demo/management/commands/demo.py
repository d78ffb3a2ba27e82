from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.services import system_user
from sinergi.assistance import demo as assistance_demo
from sinergi.clinic import demo as clinic_demo
from sinergi.consignment import demo as consignment_demo
from sinergi.events import demo as events_demo
from sinergi.health import demo as health_demo
from sinergi.market import demo as market_demo
from sinergi.partnerships import demo as partnerships_demo
from sinergi.purchasing import demo as purchasing_demo
from sinergi.regions.models import Region
from sinergi.regions.services import regions_load
from sinergi.registry import demo as registry_demo

# The logins worth trying, each with what waits for it in the demo world; the other demo accounts
# exist (offices of other regencies, partners) but have nothing to do on first sight.
THINGS_TO_DO = {
    "staf.kotabogor": (
        "Staf dinas Kota Bogor: verifikasi laporan tahunan, tinjau kasus pembubaran, terima permintaan "
        "klinik dan sepakati diagnosis, kurasi produk UMKM"
    ),
    "staf.kabbogor": "Staf dinas Kabupaten Bogor: MoU koperasi–UMKM dan kewajibannya, pencocokan mitra",
    "staf.kotabandung": "Staf dinas Kota Bandung: pantau jaringan Belanja Bareng dan laporan putarannya",
    "koordinator": "Koordinator jaringan: pantau putaran yang dibuka, tutup dan optimalkan, kirim surat pesanan",
    "pengurus.bandung": "Pengurus koperasi anggota jaringan: isi pesanan di putaran yang sedang dibuka",
    "pengurus": (
        "Pengurus koperasi: isi laporan tahunan dan data anggota koperasi, pantau program bantuan "
        "Warung Tetangga Kita"
    ),
    "pemilik": (
        "Pemilik UMKM: lengkapi data usaha, tambah produk dan ajukan kurasi, lihat barang titipan di gerai"
    ),
    "gerai.pkpri": "Staf Minimarket PKPRI Kota Bogor: jual barang titipan UMKM, setujui laporan setoran",
    "gerai": "Staf pojok UMKM Bogor Trade Mall: stok, tempat pajang, daftar tunggu",
    "pemasok": "Pemasok: terima surat pesanan yang dikirim koordinator dari beranda",
    "pakar": "Pakar klinik: beri penilaian kasus yang ditugaskan (penilaian anggota lain tersembunyi sampai disepakati)",
    "mitra.bank": (
        "Staf bank dan pakar klinik: rapor kemitraan dan rujukan dari dinas, rekomendasi klinik untuk "
        "bank, kasus yang ditugaskan"
    ),
    "admin": "Superuser: semua wilayah dan akun",
}


def things_to_do(logins: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The seeded logins that have something to do, in the order above, each with what it can do."""
    seeded = {email.split("@", 1)[0]: email for email, _description in logins}
    return [(seeded[key], task) for key, task in THINGS_TO_DO.items() if key in seeded]


class Command(BaseCommand):
    help = "Muat dunia demo (idempoten) / Load the demo world (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="do not print the demo logins")

    def handle(self, *args, **options):
        actor = system_user()
        if not Region.objects.exists():
            self.stderr.write("Memuat wilayah dahulu / loading regions first …")
            regions_load(actor=actor)
        # The demo world is made up: its notifications (e.g. purchase orders to suppliers) must not
        # reach a real mail server or clutter the console where `make run` prints the logins.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            logins = accounts_demo.seed(actor=actor)
            logins += registry_demo.seed(actor=actor)
            logins += purchasing_demo.seed(actor=actor)
            health_demo.seed(actor=actor)
            logins += events_demo.seed(actor=actor)
            logins += clinic_demo.seed(actor=actor)
            logins += market_demo.seed(actor=actor)
            logins += consignment_demo.seed(actor=actor)
            logins += assistance_demo.seed(actor=actor)
            logins += partnerships_demo.seed(actor=actor)
        if options["quiet"]:
            return
        self.stdout.write("")
        self.stdout.write(f"Akun demo / demo logins (kata sandi / password: {accounts_demo.DEMO_PASSWORD})")
        for email, task in things_to_do(logins):
            self.stdout.write(f"  {email:<34} {task}")
        self.stdout.write("")
