import { appointmentBookedSample } from '../samples/appointment_booked.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'appointment_booked',
  noun: 'Appointment',
  label: 'Appointment Booked',
  description: 'Triggers when a Setter AI conversation ends with a booked appointment.',
  eventType: 'appointment.booked',
  sample: appointmentBookedSample,
});
