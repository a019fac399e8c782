import type { Language } from '@switchboard/shared';

/** The kinds of training notice. */
export type TrainingNoticeKind =
  | 'session_reminder'
  | 'waitlist_promoted'
  | 'expiry_reminder'
  | 'session_cancelled'
  | 'session_changed';

/** Training notices in each language: {course}, {when}, {date}, {where} and {link} are filled in. */
export const NOTICE_STRINGS: Record<Language, Record<TrainingNoticeKind, { subject: string; text: string }>> = {
  en: {
    session_changed: {
      subject: 'Training changed',
      text: 'The "{course}" training has changed. It is now {when}, at {where}. Can’t come? Cancel so someone else can: {link}',
    },
    session_cancelled: {
      subject: 'Training cancelled',
      text: 'The "{course}" training on {when} is cancelled. Other sessions: {link}',
    },
    session_reminder: {
      subject: 'Training reminder',
      text: 'Reminder: your "{course}" training starts {when}. Details and directions: {link}',
    },
    waitlist_promoted: {
      subject: 'You have a place in training',
      text: 'A place opened up: you are now registered for "{course}" on {when}. Can’t come? Cancel so someone else can: {link}',
    },
    expiry_reminder: {
      subject: 'Your certification expires soon',
      text: 'Your "{course}" certification expires on {date}. Sign up for a refresher session: {link}',
    },
  },
  es: {
    session_changed: {
      subject: 'Cambio en la capacitación',
      text: 'La capacitación "{course}" cambió. Ahora es el {when}, en {where}. ¿No puede venir? Cancele para que otra persona pueda ir: {link}',
    },
    session_cancelled: {
      subject: 'Capacitación cancelada',
      text: 'La capacitación "{course}" del {when} se canceló. Otras sesiones: {link}',
    },
    session_reminder: {
      subject: 'Recordatorio de capacitación',
      text: 'Recordatorio: su capacitación "{course}" empieza el {when}. Detalles y cómo llegar: {link}',
    },
    waitlist_promoted: {
      subject: 'Tiene un lugar en la capacitación',
      text: 'Se abrió un lugar: ya está inscrito en "{course}" el {when}. ¿No puede venir? Cancele para que otra persona pueda ir: {link}',
    },
    expiry_reminder: {
      subject: 'Su certificación vence pronto',
      text: 'Su certificación "{course}" vence el {date}. Inscríbase en una sesión de repaso: {link}',
    },
  },
  so: {
    session_changed: {
      subject: 'Tababarka waa la beddelay',
      text: 'Tababarka "{course}" waa la beddelay. Hadda waa {when}, goobta: {where}. Ma iman kartid? Jooji si qof kale u yimaado: {link}',
    },
    session_cancelled: {
      subject: 'Tababarka waa la joojiyay',
      text: 'Tababarka "{course}" ee {when} waa la joojiyay. Fadhiyo kale: {link}',
    },
    session_reminder: {
      subject: 'Xasuusin tababar',
      text: 'Xasuusin: tababarkaaga "{course}" wuxuu bilaabmayaa {when}. Faahfaahin iyo tilmaamo: {link}',
    },
    waitlist_promoted: {
      subject: 'Boos ayaad ka heshay tababarka',
      text: 'Boos ayaa banaanaaday: hadda waxaad isu diiwaangelisay "{course}" {when}. Ma iman kartid? Jooji si qof kale u yimaado: {link}',
    },
    expiry_reminder: {
      subject: 'Shahaadadaadu dhawaan way dhacaysaa',
      text: 'Shahaadadaada "{course}" waxay dhacaysaa {date}. Isu qor fadhi dib-u-cusboonaysiin ah: {link}',
    },
  },
  hmn: {
    session_changed: {
      subject: 'Kev cob qhia tau hloov lawm',
      text: 'Kev cob qhia "{course}" tau hloov lawm. Tam sim no yog {when}, ntawm {where}. Tuaj tsis tau? Muab tshem kom lwm tus tuaj tau: {link}',
    },
    session_cancelled: {
      subject: 'Kev cob qhia raug tso tseg',
      text: 'Kev cob qhia "{course}" rau {when} raug tso tseg lawm. Lwm cov chav kawm: {link}',
    },
    session_reminder: {
      subject: 'Nco txog kev cob qhia',
      text: 'Nco ntsoov: koj qhov kev cob qhia "{course}" pib {when}. Cov ntsiab lus thiab txoj kev mus: {link}',
    },
    waitlist_promoted: {
      subject: 'Koj muaj ib qho chaw hauv kev cob qhia',
      text: 'Muaj ib qho chaw qhib lawm: tam sim no koj tau sau npe rau "{course}" rau {when}. Tuaj tsis tau? Muab tshem kom lwm tus tuaj tau: {link}',
    },
    expiry_reminder: {
      subject: 'Koj daim ntawv pov thawj yuav tas sij hawm sai sai no',
      text: 'Koj daim ntawv pov thawj "{course}" yuav tas sij hawm rau {date}. Sau npe rau ib zaug kawm tshiab: {link}',
    },
  },
  ar: {
    session_changed: {
      subject: 'تغيّر موعد أو مكان التدريب',
      text: 'تغيّر تدريب "{course}". أصبح الآن في {when}، في {where}. لا تستطيع الحضور؟ ألغِ التسجيل ليحضر شخص آخر: {link}',
    },
    session_cancelled: { subject: 'أُلغي التدريب', text: 'أُلغي تدريب "{course}" المقرر في {when}. جلسات أخرى: {link}' },
    session_reminder: { subject: 'تذكير بالتدريب', text: 'تذكير: يبدأ تدريبك "{course}" في {when}. التفاصيل والاتجاهات: {link}' },
    waitlist_promoted: {
      subject: 'لديك مكان في التدريب',
      text: 'أصبح مكان متاحًا: أنت الآن مسجَّل في "{course}" في {when}. لا تستطيع الحضور؟ ألغِ التسجيل ليحضر شخص آخر: {link}',
    },
    expiry_reminder: {
      subject: 'شهادتك تنتهي قريبًا',
      text: 'تنتهي شهادة "{course}" الخاصة بك في {date}. سجّل في جلسة تجديد: {link}',
    },
  },
};
