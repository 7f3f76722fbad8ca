import { userSignupSample } from '../samples/user_signup.js';
import { defineHookTrigger } from './hook-trigger.js';

export default defineHookTrigger({
  key: 'user_signup',
  noun: 'User',
  label: 'New User Signup',
  description: 'Triggers when a new user signs up for or starts using a CalStudio AI app.',
  eventType: 'user.signup',
  sample: userSignupSample,
});
