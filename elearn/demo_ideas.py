"""Demo ideas on Ruang Ide for a fresh instance: a handful of real-sounding proposals for
the public services of Sawahlunto and of Alak (Kupang) at every stage, with supporters,
a discussion, a decision history, results of one put in place, and Hendra on the health
office's innovation team; the health office's idea meetings (last month's with its
decision and minutes, next month's with its agenda), and Sari's change project from the
idea in trial, mentored by Hendra: one milestone approved, one waiting for him, notes
between them."""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.demo import DEMO_SUPERVISES
from elearn.ideas.board import search_text_of
from elearn.kegiatan.schedule import moment
from elearn.models import (
    Agency,
    ChangeProject,
    EventAttendance,
    EventRegistration,
    EventSession,
    Idea,
    IdeaComment,
    IdeaStageChange,
    IdeaSupport,
    InnovationTeamMember,
    MeetingAgendaItem,
    ProjectMilestone,
    ProjectNote,
    TrainingEvent,
    User,
)
from elearn.models.types import LOCAL_TIME, utcnow

# title, agency, service, problem, proposal, benefit, tags, stage, results
IDEAS = [
    (
        "Nomor antrean puskesmas lewat WhatsApp",
        "DINKES",
        "Pendaftaran rawat jalan",
        "Warga lansia datang sejak pukul 06.00 ke Puskesmas Sawahlunto untuk mengambil nomor "
        "antrean; rata-rata menunggu **95 menit** sebelum dipanggil (catatan loket, Agustus).",
        "Nomor antrean diambil lewat WhatsApp resmi puskesmas sejak pukul 05.00; balasan "
        "otomatis memberi perkiraan jam panggilan. Loket tetap melayani warga tanpa ponsel.",
        "Waktu tunggu di ruang tunggu turun; ruang tunggu tidak padat.",
        "antrean, digital, kesehatan",
        "diterapkan",
        ("Waktu tunggu rata-rata 95 menit", "Waktu tunggu rata-rata 30 menit"),
    ),
    (
        "Layanan akta kelahiran langsung dari puskesmas",
        "DINKES",
        "Pencatatan kelahiran",
        "Orang tua bayi harus datang sendiri ke Disdukcapil membawa surat keterangan lahir; "
        "banyak akta baru diurus saat anak masuk sekolah.",
        "Bidan puskesmas mengunggah surat keterangan lahir dan KK ke Disdukcapil; akta dikirim "
        "dalam bentuk elektronik ke orang tua.",
        "Cakupan akta kelahiran bayi naik tanpa orang tua antre di kantor.",
        "adminduk, kesehatan, kolaborasi",
        "uji_coba",
        None,
    ),
    (
        "Papan informasi jadwal dokter spesialis di RSUD",
        "DINKES",
        "Rawat jalan RSUD",
        "Pasien datang ke RSUD tanpa tahu dokter spesialis sedang cuti; pengaduan SP4N-LAPOR "
        "tentang hal ini muncul tiap bulan.",
        "Jadwal dokter spesialis diperbarui harian di laman RSUD dan papan digital di lobi.",
        "",
        "informasi, rumah sakit",
        "dibahas",
        None,
    ),
    (
        "Formulir izin reklame satu halaman",
        "BPKD",
        "Pajak reklame",
        "Pemohon izin reklame mengisi empat formulir dengan data berulang; separuh berkas "
        "dikembalikan karena tidak lengkap.",
        "Satu formulir daring yang mengisi otomatis data pemohon, dengan daftar periksa berkas.",
        "Berkas lengkap sejak pertama; waktu proses lebih singkat.",
        "perizinan, pajak daerah",
        "diajukan",
        None,
    ),
    (
        "Wi-Fi gratis di semua kantor kelurahan",
        "DISKOMINFO",
        "Layanan kelurahan",
        "Warga ingin mengisi formulir daring di kelurahan tetapi sinyal seluler lemah.",
        "Pasang titik Wi-Fi publik di setiap kantor kelurahan.",
        "",
        "internet, kelurahan",
        "tidak_dilanjutkan",
        None,
    ),
    (
        "Jadwal tangki air bersih diumumkan lewat grup WhatsApp RT",
        "KEC-ALAK",
        "Distribusi air bersih",
        "Di Kelurahan Manulai II dan Naioni warga menunggu tangki air bersih tanpa tahu "
        "jadwalnya; pada kemarau banyak yang membeli air dari penjual keliling.",
        "Kelurahan mengumumkan jadwal dan rute tangki tiap minggu ke grup WhatsApp ketua RT, "
        "dan ketua RT melaporkan tangki yang tidak datang.",
        "Warga menyiapkan wadah pada jam yang tepat; pengeluaran membeli air berkurang.",
        "air bersih, kelurahan, informasi",
        "dibahas",
        None,
    ),
    (
        "Perekaman KTP-el keliling ke kelurahan pesisir",
        "KEC-ALAK",
        "Administrasi kependudukan",
        "Nelayan di Namosain dan Nunbaun Sabu berangkat melaut pagi hari dan sulit datang ke "
        "kantor camat pada jam layanan; perekaman KTP-el pemilih pemula tertunda.",
        "Petugas kecamatan membawa alat perekaman ke kantor kelurahan pesisir setiap Sabtu "
        "pertama, bersama Dinas Dukcapil Kota Kupang.",
        "",
        "adminduk, pesisir, jemput bola",
        "diajukan",
        None,
    ),
]
REASON = "Anggaran tahun ini tidak tersedia; diusulkan lagi lewat Musrenbang tahun depan."


def load_demo_ideas(session: Session) -> None:
    agencies = {a.code: a for a in session.scalars(sa.select(Agency))}
    people = list(session.scalars(sa.select(User).order_by(User.id)))
    if not people:
        return
    author, others = people[0], people[1:]
    hendra = session.scalar(sa.select(User).where(User.email == "hendra@demo.elearn.id"))
    if hendra is not None:
        session.add(InnovationTeamMember(agency_id=agencies["DINKES"].id, user_id=hendra.id))
    decider = hendra or author
    now = utcnow()
    path = ["diajukan", "dibahas", "uji_coba", "diterapkan"]
    for age, (title, code, service, problem, proposal, benefit, tags, stage, results) in enumerate(
        IDEAS
    ):
        started = now - timedelta(days=70 - 10 * age)
        idea = Idea(
            author_id=author.id,
            agency_id=agencies[code].id,
            service=service,
            title=title,
            problem=problem,
            proposal=proposal,
            benefit=benefit,
            tags=tags,
            stage=stage,
            created_at=started,
            last_activity_at=started + timedelta(days=5),
            result_before=results[0] if results else "",
            result_after=results[1] if results else "",
        )
        idea.search_text = search_text_of(idea)
        session.add(idea)
        session.flush()
        steps = path[: path.index(stage) + 1] if stage in path else ["diajukan", stage]
        for day, (before, after) in enumerate(zip(steps, steps[1:], strict=False), start=1):
            session.add(
                IdeaStageChange(
                    idea_id=idea.id,
                    from_stage=before,
                    to_stage=after,
                    by_id=decider.id,
                    note=REASON if after == "tidak_dilanjutkan" else "",
                    at=started + timedelta(days=7 * day),
                )
            )
        for supporter in others[: max(0, 5 - age)]:
            session.add(IdeaSupport(idea_id=idea.id, user_id=supporter.id))
        idea.supporters = len(others[: max(0, 5 - age)])
        if age == 0 and others:
            session.add(
                IdeaComment(
                    idea_id=idea.id,
                    author_id=others[0].id,
                    body="Bagaimana warga yang tidak punya WhatsApp? Loket tetap buka?",
                    created_at=started + timedelta(days=2),
                )
            )
            idea.comments = 1
    session.flush()
    sari = session.scalar(sa.select(User).where(User.nip == DEMO_SUPERVISES))
    if hendra is not None and sari is not None:
        ideas = {idea.title: idea for idea in session.scalars(sa.select(Idea))}
        _meetings(session, agencies["DINKES"], ideas, hendra, sari)
        _change_project(session, ideas[IDEAS[1][0]], sari, hendra)
    session.commit()


MINUTES = """Forum inovasi Dinas Kesehatan, dipimpin Kepala Seksi Data dan Informasi Kesehatan.

1. **Layanan akta kelahiran langsung dari puskesmas**: disetujui untuk uji coba tiga bulan
   di Puskesmas Sawahlunto bersama Disdukcapil; pengusul menyusun proyek perubahan.
2. Tindak lanjut: data cakupan akta bayi dilaporkan pada forum berikutnya."""


def _meeting(organiser: Agency, day: date, title: str) -> TrainingEvent:
    starts = moment(day, time(9, 0), "Asia/Jakarta")
    closes = moment(day - timedelta(days=1), time(23, 59), "Asia/Jakarta")
    return TrainingEvent(
        kind="forum_inovasi",
        title=title,
        description="Forum rutin Senin pertama tiap bulan: membahas ide perbaikan layanan "
        "kesehatan dari Ruang Ide dan memutuskan tindak lanjutnya.",
        competency="manajerial",
        jp_claimed=2,
        jp_status="approved",
        jp_approved=2,
        capacity=40,
        registration_closes_at=closes,
        cancel_until=closes,
        state="published",
        published_at=utcnow(),
        starts_at=starts,
        organisers=[organiser],
        sessions=[
            EventSession(
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                time_zone="Asia/Jakarta",
                place="Ruang Rapat Dinas Kesehatan",
            )
        ],
    )


def first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(0 - first.weekday()) % 7)


def _meetings(
    session: Session, organiser: Agency, ideas: dict[str, Idea], hendra: User, sari: User
) -> None:
    """Last month's meeting (held, decided, minuted) and next month's (its agenda set)."""
    today = utcnow().astimezone(LOCAL_TIME).date()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    held = _meeting(organiser, first_monday(last_month.year, last_month.month),
                    "Forum Inovasi Dinas Kesehatan")  # fmt: skip
    held.minutes = MINUTES
    coming = _meeting(organiser, first_monday(next_month.year, next_month.month),
                      "Forum Inovasi Dinas Kesehatan")  # fmt: skip
    session.add_all([held, coming])
    session.flush()
    for person in (hendra, sari):
        session.add(EventRegistration(event_id=held.id, user_id=person.id, status="registered"))
        session.add(EventAttendance(session_id=held.sessions[0].id, user_id=person.id,
                                    method="code", at=held.starts_at))  # fmt: skip
    trial = ideas[IDEAS[1][0]]
    session.add(
        MeetingAgendaItem(
            event_id=held.id,
            idea_id=trial.id,
            position=1,
            decided_stage="uji_coba",
            decision_note="Uji coba tiga bulan di Puskesmas Sawahlunto bersama Disdukcapil.",
            decided_at=held.starts_at + timedelta(hours=1),
            decided_by_id=hendra.id,
        )
    )
    session.add(MeetingAgendaItem(event_id=coming.id, idea_id=ideas[IDEAS[2][0]].id, position=1))


def _change_project(session: Session, idea: Idea, sari: User, hendra: User) -> None:
    today = utcnow().astimezone(LOCAL_TIME).date()
    now = utcnow()
    project = ChangeProject(
        owner_id=sari.id,
        mentor_id=hendra.id,
        idea_id=idea.id,
        title="Akta kelahiran terbit dari puskesmas",
        goal="Bayi yang lahir di Puskesmas Sawahlunto mendapat **akta kelahiran elektronik** "
        "tanpa orang tuanya datang ke Disdukcapil.",
        team="Bidan koordinator Puskesmas Sawahlunto, operator SIAK Disdukcapil",
        coach="Dr. Rina Kusuma, M.Si.",
        created_at=now - timedelta(days=30),
    )
    project.milestones = [
        ProjectMilestone(
            position=0,
            title="Perjanjian kerja sama dengan Disdukcapil ditandatangani",
            due_date=today - timedelta(days=14),
            status="disetujui",
            evidence="PKS Nomor 440/112/DINKES/2026 ditandatangani kedua kepala dinas.",
            submitted_at=now - timedelta(days=16),
            reviewed_by_id=hendra.id,
            reviewed_at=now - timedelta(days=15),
            review_note="Bagus, lanjutkan pelatihan bidan.",
        ),
        ProjectMilestone(
            position=1,
            title="Bidan dilatih mengunggah berkas kelahiran",
            due_date=today + timedelta(days=7),
            status="diajukan",
            evidence="Enam bidan dilatih pada 20 November; daftar hadir dan materi terlampir "
            "di folder bersama seksi.",
            submitted_at=now - timedelta(days=1),
        ),
        ProjectMilestone(
            position=2,
            title="Tiga puluh akta terbit lewat jalur puskesmas",
            due_date=today + timedelta(days=45),
        ),
    ]
    project.notes = [
        ProjectNote(author_id=sari.id, created_at=now - timedelta(days=10),
                    body="Dua bidan belum punya akun SIAK; operator Disdukcapil membuatkan."),
        ProjectNote(author_id=hendra.id, created_at=now - timedelta(days=9),
                    body="Catat waktu dari lahir sampai akta terbit untuk laporan akhir."),
    ]  # fmt: skip
    session.add(project)
